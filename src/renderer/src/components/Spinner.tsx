export function Spinner({ label }: { label?: string }): React.JSX.Element {
  return (
    <span role="status" className="row">
      <span className="spinner" aria-hidden="true" />
      {label ? <span>{label}</span> : null}
    </span>
  )
}
