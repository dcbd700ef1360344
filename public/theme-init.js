// Applied before paint so dark mode never flashes light (served as a file, not inlined, so the
// app has no dangerouslySetInnerHTML at all: see components/ui/no-raw-html.test.ts).
try {
  var t = (document.cookie.match(/(?:^|; )theme=([a-z]+)/) || [])[1];
  if (t === 'dark' || (!t && matchMedia('(prefers-color-scheme: dark)').matches)) document.documentElement.classList.add('dark');
} catch (e) {}
