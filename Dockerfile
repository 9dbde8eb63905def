# tfward's container image: the static binary on Alpine, run as a non-root user.
# Alpine rather than an empty image because GitLab CI, Jenkins and Atlantis run
# job scripts with the image's /bin/sh.
#
#   docker build -t tfward .                          # from source (glibc linked statically)
#   docker run --rm -v "$PWD:/work" tfward check .    # the image's working directory is /work
#
# The release workflow builds it from its own static binaries instead
# (`--build-arg BINARY=prebuilt`, dist/linux-<arch>/tfward), for linux/amd64
# and linux/arm64, and pushes ghcr.io/tfward/tfward:<version>.
ARG BINARY=source

FROM rust:1-bookworm AS source
WORKDIR /src
COPY . .
# As scripts/dist.sh builds the release binaries: glibc linked in, for any Linux.
RUN target="$(uname -m)-unknown-linux-gnu" \
 && RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked --target "$target" \
 && cp "target/$target/release/tfward" /tfward

FROM scratch AS prebuilt
ARG TARGETARCH
COPY dist/linux-${TARGETARCH}/tfward /tfward

FROM ${BINARY} AS binary

FROM alpine:3.22
# A fixed uid/gid, so that `docker run --user` and mounted files are predictable.
RUN addgroup -g 10001 tfward && adduser -D -u 10001 -G tfward -h /work tfward
COPY --from=binary --chmod=755 /tfward /usr/local/bin/tfward
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["tfward"]
CMD ["--help"]
