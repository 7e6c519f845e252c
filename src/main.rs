fn main() {
    std::process::exit(undertow::cli::main());
}
