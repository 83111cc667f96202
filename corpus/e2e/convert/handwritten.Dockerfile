# e2e: a hand-written Dockerfile for the probe, as people write them; gofile convert turns it into a spec,
# and the expansion of that spec must build and run the same way this file does.
FROM golang:1.19 AS builder
WORKDIR /app
COPY go.mod ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /bin/probe .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=builder /bin/probe /usr/local/bin/probe
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/probe"]
