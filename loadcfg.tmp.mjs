const { default: { default: loadConfig } } = await import('next/dist/server/config.js');
try {
  const config = await loadConfig(process.argv[2], process.cwd());
  console.log('LOADED', JSON.stringify({ distDir: config.distDir, hosts: config.allowedDevOrigins?.length }));
} catch (error) {
  console.error('REFUSED', error.message);
  process.exit(1);
}
