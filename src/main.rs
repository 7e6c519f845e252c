// Views are built and dropped every turn: a faster allocator is a faster sweep.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(undertow::cli::main());
}
