/** The studio shell; areas are added under src/<area>/. */
export function App() {
  return <h1>Mandate studio</h1>;
}
