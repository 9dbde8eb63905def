#!/usr/bin/env node
// Runs the tfward binary of the platform package npm installed beside this
// one (an optional dependency chosen by its `os`/`cpu` fields), or the binary
// TFWARD_BINARY names. No install script: nothing is downloaded, ever.
'use strict';

const childProcess = require('child_process');
const os = require('os');
const path = require('path');

// The staging script writes one optional dependency per platform package;
// that list is the single record of which platforms have a binary.
const platformPackages = Object.keys(require('../package.json').optionalDependencies || {});

function fail(message) {
  process.stderr.write(`tfward: ${message}\n`);
  process.exit(2);
}

function binaryPath() {
  if (process.env.TFWARD_BINARY) {
    return process.env.TFWARD_BINARY;
  }
  const platform = `${process.platform}-${process.arch}`;
  const packageName = `@tfward/${platform}`;
  if (!platformPackages.includes(packageName)) {
    const supported = platformPackages.map((name) => name.replace('@tfward/', '')).join(', ');
    fail(
      `no prebuilt binary for ${platform} (npm packages exist for ${supported}); ` +
        'install it with `pip install tfward` or from a release archive (https://github.com/tfward/tfward/releases), ' +
        'or set TFWARD_BINARY to a tfward binary'
    );
  }
  let manifest;
  try {
    manifest = require.resolve(`${packageName}/package.json`);
  } catch {
    fail(
      `${packageName}, the optional dependency holding the binary for ${platform}, is not installed ` +
        '(installed with --omit=optional, or from a lockfile made without it?); ' +
        'reinstall with optional dependencies, or set TFWARD_BINARY to a tfward binary'
    );
  }
  const executable = process.platform === 'win32' ? 'tfward.exe' : 'tfward';
  return path.join(path.dirname(manifest), 'bin', executable);
}

const binary = binaryPath();
const result = childProcess.spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  fail(`could not run ${binary}: ${result.error.message}`);
}
if (result.signal) {
  // Die of the same signal, so a shell or CI sees what tfward died of.
  process.kill(process.pid, result.signal);
  // Reached only if that signal does not end this process: the shell's convention.
  process.exit(128 + (os.constants.signals[result.signal] || 0));
}
process.exit(result.status);
