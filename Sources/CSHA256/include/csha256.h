#ifndef HUANXIN_CSHA256_H
#define HUANXIN_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Runs `blocks` 64-byte blocks of `data` through the SHA-256 compression
/// function (FIPS 180-4, 6.2.2) into `state`, its eight working words.
/// Padding and the digest are the caller's (`Outbox.SHA256`).
void huanxin_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// Whether `huanxin_sha256_blocks` uses the processor's SHA instructions.
int huanxin_sha256_accelerated(void);

/// The portable compression alone, whatever the processor: for tests that
/// hold both paths to the same answers.
void huanxin_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
