//! Big CloudFormation YAML templates are read in two parts on two cores
//! (`hosts::yaml`): checked here on every YAML template of the corpora nobody here
//! wrote, whatever their size: the YAML templates of the PyPI source package of
//! cfn-lint 1.58.0 (`test/fixtures/templates`, fetched by
//! `tests/corpus/host-corpora.sh`) and `tests/corpus/real-templates`. Each template the
//! split accepts must give exactly the tree and the syntax errors of reading it whole;
//! the others are read whole anyway.

mod corpora;

use corpora::yaml_templates;
use policy_lsp::hosts::yaml::compare_split_read;

#[test]
fn split_reading_gives_the_whole_reading_on_every_corpus_template() {
    let (mut split, mut whole) = (0, 0);
    let mut failures = Vec::new();
    for (f, text) in yaml_templates() {
        match compare_split_read(&text) {
            Ok(true) => split += 1,
            Ok(false) => whole += 1,
            Err(why) => failures.push(format!("{}: {why}", f.display())),
        }
    }
    eprintln!("YAML split reading: {split} templates split (same tree), {whole} read whole");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // 144 of 246 split when this was written (the rest use anchors, `---`, one
    // resource, ...): well over a hundred makes the comparison mean something.
    assert!(split >= 120, "only {split} templates split");
}
