/** An SVG arrowhead for `marker-end` on lines and paths; goes inside a `<defs>`. */
export function ArrowMarker({
  id,
  className,
  fill,
}: {
  id: string;
  /** styles the head (its fill) from CSS */
  className?: string;
  /** or a fill given here */
  fill?: string;
}) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth="7"
      markerHeight="7"
      orient="auto-start-reverse"
    >
      <path d="M0,0 L10,5 L0,10 z" className={className} fill={fill} />
    </marker>
  );
}
