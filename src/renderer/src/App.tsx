export function App(): React.JSX.Element {
  return (
    <main>
      <h1>SecPaid Desk</h1>
      <p>Transactions, refunds and month-end review for SecPaid merchants.</p>
    </main>
  )
}
