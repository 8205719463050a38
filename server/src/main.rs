#![forbid(unsafe_code)]
// mimalloc: analysis allocates many small nodes and strings; the system allocator
// spent a quarter of the CPU time of `check` in malloc/free (perf, 200 × 20 KB files).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The language server with no command (or `serve`; VS Code appends `--stdio`), the
    // command-line tool otherwise: the two never call each other.
    let code = match args.first().map(String::as_str) {
        None | Some("serve" | "--stdio") => policy_lsp::lsp::run(),
        Some(_) => policy_lsp::cli::run(&args),
    };
    std::process::exit(code);
}
