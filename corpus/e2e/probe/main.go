// probe reports, as one line of JSON, what the container it runs in gives a Go program: its user, the
// system CA pool (and whether a real TLS server chain verifies against it, offline), a time zone, a
// writable temporary directory, the directories named in PROBE_DIRS (colon-separated) it may write to, and the
// version linked in with -ldflags "-X main.version=…".
//
// It needs no network: the chain it verifies is embedded and checked at a fixed time, the way a TLS
// handshake checks a server's certificates against the system roots.
package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

var version = "unset"

type report struct {
	Version  string `json:"version"`
	UID      int    `json:"uid"`
	GID      int    `json:"gid"`
	Arch     string `json:"arch"`
	Certs    certs  `json:"certs"`
	TZ       tz     `json:"tz"`
	Tmp      tmp    `json:"tmp"`
	Dirs     []dir  `json:"dirs"`
}

type dir struct {
	Path     string `json:"path"`
	Writable bool   `json:"writable"`
	Error    string `json:"error,omitempty"`
}

type certs struct {
	PoolLoads  bool   `json:"poolLoads"`
	PoolError  string `json:"poolError,omitempty"`
	Subjects   int    `json:"subjects"`
	TLSVerify  bool   `json:"tlsVerify"`
	TLSError   string `json:"tlsError,omitempty"`
	TLSChainCN string `json:"tlsChain,omitempty"`
}

type tz struct {
	Loads  bool   `json:"loads"`
	Error  string `json:"error,omitempty"`
	Offset int    `json:"offset"`
}

type tmp struct {
	Writable bool   `json:"writable"`
	Dir      string `json:"dir"`
	Error    string `json:"error,omitempty"`
}

func main() {
	r := report{Version: version, UID: os.Getuid(), GID: os.Getgid(), Arch: runtime.GOARCH}

	pool, err := x509.SystemCertPool()
	if err != nil {
		r.Certs.PoolError = err.Error()
	} else {
		// Deprecated for pools that defer to a platform verifier (macOS, Windows); on Linux, the roots read from files.
		r.Certs.Subjects = len(pool.Subjects())
		r.Certs.PoolLoads = r.Certs.Subjects > 0
	}
	if chain, err := verifyChain(); err != nil {
		r.Certs.TLSError = err.Error()
	} else {
		r.Certs.TLSVerify = true
		r.Certs.TLSChainCN = chain
	}

	if loc, err := time.LoadLocation("Europe/Paris"); err != nil {
		r.TZ.Error = err.Error()
	} else {
		r.TZ.Loads = true
		_, r.TZ.Offset = time.Date(2023, 1, 15, 12, 0, 0, 0, loc).Zone()
	}

	r.Tmp.Dir = os.TempDir()
	if f, err := os.CreateTemp("", "probe-*"); err != nil {
		r.Tmp.Error = err.Error()
	} else {
		r.Tmp.Writable = true
		f.Close()
		os.Remove(f.Name())
	}

	r.Dirs = []dir{}
	for _, p := range strings.Split(os.Getenv("PROBE_DIRS"), ":") {
		if p == "" {
			continue
		}
		d := dir{Path: p}
		if f, err := os.CreateTemp(p, "probe-*"); err != nil {
			d.Error = err.Error()
		} else {
			d.Writable = true
			f.Close()
			os.Remove(f.Name())
		}
		r.Dirs = append(r.Dirs, d)
	}

	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}

// verifyChain checks www.google.com's February 2023 chain against the system roots (Roots: nil),
// at a time it was valid, with the host name, as crypto/tls does for a server.
func verifyChain() (string, error) {
	leaf, err := parse(googleLeaf)
	if err != nil {
		return "", err
	}
	inter, err := parse(gtsIntermediate)
	if err != nil {
		return "", err
	}
	intermediates := x509.NewCertPool()
	intermediates.AddCert(inter)
	chains, err := leaf.Verify(x509.VerifyOptions{
		DNSName:       "www.google.com",
		Intermediates: intermediates,
		CurrentTime:   time.Unix(1677615892, 0), // 2023-02-28T20:24:52Z
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	if err != nil {
		return "", err
	}
	last := chains[0][len(chains[0])-1]
	return last.Subject.CommonName, nil
}

func parse(s string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, fmt.Errorf("no PEM block")
	}
	return x509.ParseCertificate(block.Bytes)
}

// The real chain of www.google.com as served in February 2023 (leaf, then GTS CA 1C3, which GTS Root R1 signed),
// from Go 1.19's own crypto/x509 tests (verify_test.go, BSD licence). GTS Root R1 is not embedded: it must come from the system pool.
const googleLeaf = `-----BEGIN CERTIFICATE-----
MIIFUjCCBDqgAwIBAgIQERmRWTzVoz0SMeozw2RM3DANBgkqhkiG9w0BAQsFADBG
MQswCQYDVQQGEwJVUzEiMCAGA1UEChMZR29vZ2xlIFRydXN0IFNlcnZpY2VzIExM
QzETMBEGA1UEAxMKR1RTIENBIDFDMzAeFw0yMzAxMDIwODE5MTlaFw0yMzAzMjcw
ODE5MThaMBkxFzAVBgNVBAMTDnd3dy5nb29nbGUuY29tMIIBIjANBgkqhkiG9w0B
AQEFAAOCAQ8AMIIBCgKCAQEAq30odrKMT54TJikMKL8S+lwoCMT5geP0u9pWjk6a
wdB6i3kO+UE4ijCAmhbcZKeKaLnGJ38weZNwB1ayabCYyX7hDiC/nRcZU49LX5+o
55kDVaNn14YKkg2kCeX25HDxSwaOsNAIXKPTqiQL5LPvc4Twhl8HY51hhNWQrTEr
N775eYbixEULvyVLq5BLbCOpPo8n0/MTjQ32ku1jQq3GIYMJC/Rf2VW5doF6t9zs
KleflAN8OdKp0ME9OHg0T1P3yyb67T7n0SpisHbeG06AmQcKJF9g/9VPJtRf4l1Q
WRPDC+6JUqzXCxAGmIRGZ7TNMxPMBW/7DRX6w8oLKVNb0wIDAQABo4ICZzCCAmMw
DgYDVR0PAQH/BAQDAgWgMBMGA1UdJQQMMAoGCCsGAQUFBwMBMAwGA1UdEwEB/wQC
MAAwHQYDVR0OBBYEFBnboj3lf9+Xat4oEgo6ZtIMr8ZuMB8GA1UdIwQYMBaAFIp0
f6+Fze6VzT2c0OJGFPNxNR0nMGoGCCsGAQUFBwEBBF4wXDAnBggrBgEFBQcwAYYb
aHR0cDovL29jc3AucGtpLmdvb2cvZ3RzMWMzMDEGCCsGAQUFBzAChiVodHRwOi8v
cGtpLmdvb2cvcmVwby9jZXJ0cy9ndHMxYzMuZGVyMBkGA1UdEQQSMBCCDnd3dy5n
b29nbGUuY29tMCEGA1UdIAQaMBgwCAYGZ4EMAQIBMAwGCisGAQQB1nkCBQMwPAYD
VR0fBDUwMzAxoC+gLYYraHR0cDovL2NybHMucGtpLmdvb2cvZ3RzMWMzL1FPdkow
TjFzVDJBLmNybDCCAQQGCisGAQQB1nkCBAIEgfUEgfIA8AB2AHoyjFTYty22IOo4
4FIe6YQWcDIThU070ivBOlejUutSAAABhXHHOiUAAAQDAEcwRQIgBUkikUIXdo+S
3T8PP0/cvokhUlumRE3GRWGL4WRMLpcCIQDY+bwK384mZxyXGZ5lwNRTAPNzT8Fx
1+//nbaGK3BQMAB2AOg+0No+9QY1MudXKLyJa8kD08vREWvs62nhd31tBr1uAAAB
hXHHOfQAAAQDAEcwRQIgLoVydNfMFKV9IoZR+M0UuJ2zOqbxIRum7Sn9RMPOBGMC
IQD1/BgzCSDTvYvco6kpB6ifKSbg5gcb5KTnYxQYwRW14TANBgkqhkiG9w0BAQsF
AAOCAQEA2bQQu30e3OFu0bmvQHmcqYvXBu6tF6e5b5b+hj4O+Rn7BXTTmaYX3M6p
MsfRH4YVJJMB/dc3PROR2VtnKFC6gAZX+RKM6nXnZhIlOdmQnonS1ecOL19PliUd
VXbwKjXqAO0Ljd9y9oXaXnyPyHmUJNI5YXAcxE+XXiOZhcZuMYyWmoEKJQ/XlSga
zWfTn1IcKhA3IC7A1n/5bkkWD1Xi1mdWFQ6DQDMp//667zz7pKOgFMlB93aPDjvI
c78zEqNswn6xGKXpWF5xVwdFcsx9HKhJ6UAi2bQ/KQ1yb7LPUOR6wXXWrG1cLnNP
i8eNLnKL9PXQ+5SwJFCzfEhcIZuhzg==
-----END CERTIFICATE-----`

const gtsIntermediate = `-----BEGIN CERTIFICATE-----
MIIFljCCA36gAwIBAgINAgO8U1lrNMcY9QFQZjANBgkqhkiG9w0BAQsFADBHMQsw
CQYDVQQGEwJVUzEiMCAGA1UEChMZR29vZ2xlIFRydXN0IFNlcnZpY2VzIExMQzEU
MBIGA1UEAxMLR1RTIFJvb3QgUjEwHhcNMjAwODEzMDAwMDQyWhcNMjcwOTMwMDAw
MDQyWjBGMQswCQYDVQQGEwJVUzEiMCAGA1UEChMZR29vZ2xlIFRydXN0IFNlcnZp
Y2VzIExMQzETMBEGA1UEAxMKR1RTIENBIDFDMzCCASIwDQYJKoZIhvcNAQEBBQAD
ggEPADCCAQoCggEBAPWI3+dijB43+DdCkH9sh9D7ZYIl/ejLa6T/belaI+KZ9hzp
kgOZE3wJCor6QtZeViSqejOEH9Hpabu5dOxXTGZok3c3VVP+ORBNtzS7XyV3NzsX
lOo85Z3VvMO0Q+sup0fvsEQRY9i0QYXdQTBIkxu/t/bgRQIh4JZCF8/ZK2VWNAcm
BA2o/X3KLu/qSHw3TT8An4Pf73WELnlXXPxXbhqW//yMmqaZviXZf5YsBvcRKgKA
gOtjGDxQSYflispfGStZloEAoPtR28p3CwvJlk/vcEnHXG0g/Zm0tOLKLnf9LdwL
tmsTDIwZKxeWmLnwi/agJ7u2441Rj72ux5uxiZ0CAwEAAaOCAYAwggF8MA4GA1Ud
DwEB/wQEAwIBhjAdBgNVHSUEFjAUBggrBgEFBQcDAQYIKwYBBQUHAwIwEgYDVR0T
AQH/BAgwBgEB/wIBADAdBgNVHQ4EFgQUinR/r4XN7pXNPZzQ4kYU83E1HScwHwYD
VR0jBBgwFoAU5K8rJnEaK0gnhS9SZizv8IkTcT4waAYIKwYBBQUHAQEEXDBaMCYG
CCsGAQUFBzABhhpodHRwOi8vb2NzcC5wa2kuZ29vZy9ndHNyMTAwBggrBgEFBQcw
AoYkaHR0cDovL3BraS5nb29nL3JlcG8vY2VydHMvZ3RzcjEuZGVyMDQGA1UdHwQt
MCswKaAnoCWGI2h0dHA6Ly9jcmwucGtpLmdvb2cvZ3RzcjEvZ3RzcjEuY3JsMFcG
A1UdIARQME4wOAYKKwYBBAHWeQIFAzAqMCgGCCsGAQUFBwIBFhxodHRwczovL3Br
aS5nb29nL3JlcG9zaXRvcnkvMAgGBmeBDAECATAIBgZngQwBAgIwDQYJKoZIhvcN
AQELBQADggIBAIl9rCBcDDy+mqhXlRu0rvqrpXJxtDaV/d9AEQNMwkYUuxQkq/BQ
cSLbrcRuf8/xam/IgxvYzolfh2yHuKkMo5uhYpSTld9brmYZCwKWnvy15xBpPnrL
RklfRuFBsdeYTWU0AIAaP0+fbH9JAIFTQaSSIYKCGvGjRFsqUBITTcFTNvNCCK9U
+o53UxtkOCcXCb1YyRt8OS1b887U7ZfbFAO/CVMkH8IMBHmYJvJh8VNS/UKMG2Yr
PxWhu//2m+OBmgEGcYk1KCTd4b3rGS3hSMs9WYNRtHTGnXzGsYZbr8w0xNPM1IER
lQCh9BIiAfq0g3GvjLeMcySsN1PCAJA/Ef5c7TaUEDu9Ka7ixzpiO2xj2YC/WXGs
Yye5TBeg2vZzFb8q3o/zpWwygTMD0IZRcZk0upONXbVRWPeyk+gB9lm+cZv9TSjO
z23HFtz30dZGm6fKa+l3D/2gthsjgx0QGtkJAITgRNOidSOzNIb2ILCkXhAd4FJG
AJ2xDx8hcFH1mt0G/FX0Kw4zd8NLQsLxdxP8c4CU6x+7Nz/OAipmsHMdMqUybDKw
juDEI/9bfU1lcKwrmz3O2+BtjjKAvpafkmO8l7tdufThcV4q5O8DIrGKZTqPwJNl
1IXNDw9bg1kWRxYtnCQ6yICmJhSFm/Y3m6xv+cXDBlHz4n/FsRC6UfTd
-----END CERTIFICATE-----`

