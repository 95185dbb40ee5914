/** Side-effect stylesheet imports, bundled by Vite (`import './x.css'`). */
declare module '*.css';
