/**
 * Inline SVG icons (stroke style, 16 px box, currentColor), so the app needs no icon font and
 * works offline. Icons are decorative: the buttons around them carry the accessible name.
 */
import type { ReactNode } from 'react';

function Svg(props: { children: ReactNode; size?: number }) {
  const size = props.size ?? 16;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}

/** A plus sign. */
export function PlusIcon(props: { size?: number }) {
  return (
    <Svg size={props.size}>
      <path d="M8 3v10M3 8h10" />
    </Svg>
  );
}

/** A small cross. */
export function CloseIcon(props: { size?: number }) {
  return (
    <Svg size={props.size}>
      <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
    </Svg>
  );
}

/** A phone. */
export function PhoneIcon(props: { size?: number }) {
  return (
    <Svg size={props.size}>
      <rect x="4.5" y="1.75" width="7" height="12.5" rx="1.5" />
      <path d="M7 11.75h2" />
    </Svg>
  );
}

/** A gear. */
export function GearIcon(props: { size?: number }) {
  return (
    <Svg size={props.size}>
      <circle cx="8" cy="8" r="2" />
      <path d="M8 1.75v1.5M8 12.75v1.5M14.25 8h-1.5M3.25 8h-1.5M12.42 3.58l-1.06 1.06M4.64 11.36l-1.06 1.06M12.42 12.42l-1.06-1.06M4.64 4.64L3.58 3.58" />
    </Svg>
  );
}

/** An arrow pointing up (previous match). */
export function ArrowUpIcon() {
  return (
    <Svg>
      <path d="M8 12.5v-9M4 7.5l4-4 4 4" />
    </Svg>
  );
}

/** An arrow pointing down (next match). */
export function ArrowDownIcon() {
  return (
    <Svg>
      <path d="M8 3.5v9M4 8.5l4 4 4-4" />
    </Svg>
  );
}

/** A circular arrow (restart). */
export function RestartIcon() {
  return (
    <Svg>
      <path d="M2.75 8a5.25 5.25 0 1 0 1.6-3.78" />
      <path d="M2.75 2.5v2.75H5.5" />
    </Svg>
  );
}

/** A folder. */
export function FolderIcon() {
  return (
    <Svg>
      <path d="M1.75 4.25a1 1 0 0 1 1-1h3.1l1.4 1.5h6a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H2.75a1 1 0 0 1-1-1z" />
    </Svg>
  );
}

/** A terminal prompt glyph. */
export function TerminalIcon(props: { size?: number }) {
  return (
    <Svg size={props.size}>
      <rect x="1.75" y="2.75" width="12.5" height="10.5" rx="1.5" />
      <path d="M4.5 6.25L6.5 8l-2 1.75M8.5 10h3" />
    </Svg>
  );
}

/** A chevron pointing left (scroll tabs left). */
export function ChevronLeftIcon() {
  return (
    <Svg>
      <path d="M10 3.5L5.5 8l4.5 4.5" />
    </Svg>
  );
}

/** A chevron pointing right (scroll tabs right). */
export function ChevronRightIcon() {
  return (
    <Svg>
      <path d="M6 3.5L10.5 8 6 12.5" />
    </Svg>
  );
}

/** A chevron pointing down (the list of all tabs). */
export function ChevronDownIcon() {
  return (
    <Svg>
      <path d="M3.5 6L8 10.5 12.5 6" />
    </Svg>
  );
}

/** An eye (show the typed secret). */
export function EyeIcon() {
  return (
    <Svg>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
      <circle cx="8" cy="8" r="2" />
    </Svg>
  );
}
