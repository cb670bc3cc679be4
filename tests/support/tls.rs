//! A local TLS set-up for tests and benchmarks: a CA and a server certificate for 127.0.0.1
//! made with openssl (rustls refuses a self-signed certificate used as its own CA), and
//! tests/ref/https_server.py serving with them on a free loopback port.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The files `certificates` made.
pub struct Certs {
    /// The CA a client trusts (`SSL_CERT_FILE`, `curl --cacert`).
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
    /// A file that is not a certificate at all.
    pub not_a_cert: PathBuf,
}

/// Makes a CA and a server certificate for 127.0.0.1 in `dir`.
pub fn certificates(dir: &Path) -> Certs {
    let sh = |cmd: &str| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .current_dir(dir)
            .output()
            .expect("run sh");
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    sh(&format!(
        "openssl req -x509 {ec} -keyout ca.key -out ca.pem -days 2 -subj /CN=fw-test-ca \
         -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign"
    ));
    sh(&format!(
        "openssl req {ec} -keyout srv.key -out srv.csr -subj /CN=127.0.0.1"
    ));
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    sh(
        "openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem \
        -days 2 -extfile ext.cnf",
    );
    Certs {
        ca: dir.join("ca.pem"),
        cert: dir.join("srv.pem"),
        key: dir.join("srv.key"),
        not_a_cert: dir.join("ext.cnf"),
    }
}

/// tests/ref/https_server.py, run by `python`, serving with `certs` until dropped.
pub struct HttpsServer {
    child: Child,
    /// `https://127.0.0.1:PORT`.
    pub url: String,
}

impl HttpsServer {
    pub fn start(python: &Path, certs: &Certs) -> HttpsServer {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ref/https_server.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(&certs.cert)
            .arg(&certs.key)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start tests/ref/https_server.py");
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut line,
        )
        .unwrap();
        let url = line
            .strip_prefix("READY ")
            .expect("https server started")
            .trim()
            .to_string();
        HttpsServer { child, url }
    }
}

impl Drop for HttpsServer {
    /// The server serves until its standard input closes.
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
