//! Work over a list on all cores: the CLI's files, a big template's policies, the parts
//! of a big host file read at once.

/// `f` over `items` on all cores, results in input order (`None` where `f` panicked).
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(|it| Some(f(it))).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut acc = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        acc.push((i, f(item)));
                    }
                    acc
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut res: Vec<Option<R>> = items.iter().map(|_| None).collect();
    for (i, r) in parts.drain(..).flatten() {
        res[i] = Some(r);
    }
    res
}
