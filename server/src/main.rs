// mimalloc: analysis allocates many small nodes and strings; the system allocator
// spent a quarter of the CPU time of `check` in malloc/free (perf, 200 × 20 KB files).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = policy_lsp::cli::run(&args);
    std::process::exit(code);
}
