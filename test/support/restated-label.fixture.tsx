// A page fragment that restates two of core's labels, for test/web-labels.test.ts to find. Never imported.
export const fixture = [<span>Disetujui</span>, "In review", "Bukan label"];
