// `import()` performed by Node itself: Vitest runs test files in a context with its own module
// loader, so modules that must pass through a Node resolution hook (module.register) are
// imported from this plain CommonJS file, which Node loads natively via createRequire.
module.exports = (specifier) => import(specifier);
