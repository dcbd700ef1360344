import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFsBlobStore } from './fs-blob-store';

// A real full disk: a 256 KiB tmpfs. Mounting needs root with CAP_SYS_ADMIN; without it the
// ENOSPC path is still covered by the unit test's injected writer.
const mnt = mkdtempSync(path.join(tmpdir(), 'blob-tmpfs-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt], { stdio: 'ignore' });
  mounted = true;
} catch {
  /* not permitted here */
}
afterAll(() => {
  if (mounted) execFileSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

describe.skipIf(!mounted)('file-system blob store on a real full disk (tmpfs, needs mount permission)', () => {
  it('fails with disk_full, leaves no partial file, and still works for small blobs', async () => {
    const s = createFsBlobStore(mnt);
    const err = await s.put(randomBytes(1024 * 1024)).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'BlobStoreError', code: 'disk_full' });
    const files = readdirSync(mnt, { recursive: true }).map(String).filter((f) => statSync(path.join(mnt, f)).isFile());
    expect(files).toEqual([]);
    const ok = await s.put('small');
    expect((await s.get(ok.key)).toString()).toBe('small');
  });
});
