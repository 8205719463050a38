//! The fast YAML reader (`hosts::yaml_fast`) builds the tree tree-sitter's reader builds,
//! or declines: checked here on every YAML template of the corpora nobody here wrote
//! (see `corpora::yaml_templates`), and on each of them cut short after every tenth line
//! (a template half-typed, as the editor sends it). Each text the fast reader
//! accepts must give exactly tree-sitter's tree, with no syntax error.

mod corpora;

use corpora::yaml_templates;
use policy_lsp::hosts::yaml::compare_fast_read;

#[test]
fn fast_reader_gives_tree_sitters_tree_on_every_corpus_template() {
    let (mut fast, mut declined, mut prefixes) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut why = std::collections::BTreeMap::new();
    for (f, text) in yaml_templates() {
        match compare_fast_read(&text) {
            Ok(true) => fast += 1,
            Ok(false) => {
                declined += 1;
                let at = policy_lsp::hosts::yaml_fast::declined_at(&text);
                *why.entry(at).or_insert(0) += 1;
            }
            Err(why) => failures.push(format!("{}: {why}", f.display())),
        }
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        for &end in ends.iter().skip(9).step_by(10) {
            match compare_fast_read(&text[..end]) {
                Ok(true) => prefixes += 1,
                Ok(false) => {}
                Err(why) => failures.push(format!("{} (first {end} bytes): {why}", f.display())),
            }
        }
    }
    eprintln!("declined at: {why:?}");
    eprintln!("YAML fast reader: {fast} templates read fast (same tree), {declined} declined; {prefixes} prefixes read fast");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    assert!(fast >= 150, "only {fast} templates read fast");
}

/// Where tree-sitter's grammar ends nodes, which the fast reader must copy: block
/// collections take the comments after them, and at the end of the text run to its
/// end; block scalars run to the end only when nothing but blank lines follows.
#[test]
fn reads_like_tree_sitter_where_nodes_end() {
    let texts = [
        "a: 1\nb:\n  c: x\n\n",
        "a: 1\nb:\n  c: x\n# end\n",
        "a:\n- x\n- y\n\n\n",
        "a: |\n  x  \n\n  y\n\nb: 1\n",
        "a: [x]\n\n",
        "a: |\n  x\n\n",
        "a: |\n  x\n# c\n",
        "a: !If\n  - x\n  - y\n\n",
        "a: !Ref x\n\n",
        "b:\n  c: x\n# c\nd: 1\n",
        "b:\n  c: x # hi\nd: 1\n",
        "b:\n  c: x # hi  \n  # and  \nd: 1\n",
        "a:\n  b:\n    c: 1\n    # t\n  # u\n  d: 2\n",
        "a:\n  - b: 1\n  - c:\n      - x\n\n",
        "a: !Sub |\n  x\n\n",
        "a:\n  b\n\n",
        "- a\n- b\n\n",
        "---\nA: plain text\n  over lines\n\n  and more\nB: 'q' # c\n",
        "K:\n  !Sub 'x-${AWS::Region}'\nL: {Ref: M}\n",
        // Unicode spaces are content to the grammar, not blanks.
        "a: x\u{a0}\nb: \u{2028}y\nc:\n  - z \u{3000}\n",
    ];
    for t in texts {
        assert_eq!(compare_fast_read(t), Ok(true), "{t:?}");
    }
}

/// What the fast reader leaves to tree-sitter: anchors and aliases, tabs, CRLF,
/// several documents, multi-line quoted scalars, and syntax errors.
#[test]
fn declines_what_it_does_not_read_for_sure() {
    let texts = [
        "a: &x 1\nb: *x\n",
        "a:\t1\n",
        "a: 1\r\n",
        "a: 1\n---\nb: 2\n",
        "A:\n  B\n--- x  C:\n  d\n",
        "\n ---\na: b\n",
        "a: \"one\n  two\"\n",
        "a: 1\n  b: 2\n",
        "a: [1, 2\n",
        "a:\n  - x\n - y\n",
        "? a\n: b\n",
        "a: b: c\n",
        // Control characters (found by the fuzz target): the grammar refuses them.
        "a:\n  Pri\u{4}cipal: '*'\n",
        "a: 'x\u{86}y'\n",
    ];
    for t in texts {
        assert_eq!(compare_fast_read(t), Ok(false), "{t:?}");
    }
}
