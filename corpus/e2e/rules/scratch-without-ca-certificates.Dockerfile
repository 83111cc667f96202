# e2e (GF004 scratch-without-ca-certificates): a static binary on scratch with no CA bundle.
FROM golang:1.19-bookworm AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/probe .

FROM scratch
COPY --from=build /out/probe /usr/local/bin/probe
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/probe"]
