//! The Markdown table printed at the end, and number formatting.

use std::time::Duration;

pub(crate) struct Table(pub(crate) Vec<[String; 5]>);
impl Table {
    pub(crate) fn row(
        &mut self,
        what: impl Into<String>,
        ours: impl Into<String>,
        other: impl Into<String>,
        ratio: impl Into<String>,
        target: impl Into<String>,
    ) {
        self.0.push([
            what.into(),
            ours.into(),
            other.into(),
            ratio.into(),
            target.into(),
        ]);
    }
    pub(crate) fn print(&self) {
        println!("| measure | policy-lsp | comparison | ratio | target |");
        println!("|---|---:|---:|---:|---|");
        for r in &self.0 {
            println!("| {} | {} | {} | {} | {} |", r[0], r[1], r[2], r[3], r[4]);
        }
    }
}

pub(crate) fn f(v: f64) -> String {
    if v.is_nan() {
        "n/a".into()
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

pub(crate) fn ratio(v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else {
        format!("{}×", f(v))
    }
}

pub(crate) fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

pub(crate) fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
