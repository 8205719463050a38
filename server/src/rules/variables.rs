use crate::analysis::RuleCtx;
use crate::diagnostic::Diagnostic;
pub(crate) fn check(_ctx: &RuleCtx<'_>, _acc: &mut Vec<Diagnostic>) {}
