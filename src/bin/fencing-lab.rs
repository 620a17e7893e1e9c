fn main() {
    println!("usage: fencing-lab list | run <name|file.json> [--seed N] [--fencing on|off] [--until-ms T] [--trace FILE.jsonl] [--json]");
}
