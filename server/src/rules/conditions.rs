use crate::analysis::RuleCtx;
use crate::diagnostic::Diagnostic;
use crate::model::Statement;
pub(crate) fn check(_ctx: &RuleCtx<'_>, _st: &Statement<'_>, _acc: &mut Vec<Diagnostic>) {}
