fn main() {
    crosscheck_web::start();
}
