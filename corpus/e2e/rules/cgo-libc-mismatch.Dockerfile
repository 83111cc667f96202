# e2e (GF101 cgo-libc-mismatch): the golang image builds with cgo on by default, and the probe imports
# crypto/x509, hence net: the binary is linked against glibc, and distroless/static has no glibc loader.
FROM golang:1.19-bookworm AS build
WORKDIR /src
COPY go.mod main.go ./
RUN go build -o /out/probe .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/probe /usr/local/bin/probe
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/probe"]
