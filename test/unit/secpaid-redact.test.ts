/**
 * Key redaction, property-style: whatever shape a server echoes the key in — any ≥ 8-character
 * piece of it, in any ASCII case, URL-, JSON- or HTML-escaped, base64 or base64url at any byte
 * offset — no string we produce from that text holds an 8-character piece of any of those
 * spellings. And an auth failure never carries the server's text at all.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeFailure } from '../../src/main/app/app-errors'
import { classifyRefundFailure } from '../../src/main/services/refunds/refund-outcome'
import { AuthError, AUTH_FAILURE_MESSAGE, createTransport, redact, toSafeJSON } from '../../src/main/services/secpaid'
import { excerpt } from '../../src/main/services/secpaid/errors'
import { htmlEscape as html, keyPieceIn } from '../support/key-pieces'

const PRINTABLE = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))
const keyArb = fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: 8, maxLength: 80 })
const textArb = fc.string({ maxLength: 40 })

function assertClean(output: string, key: string): void {
  const found = keyPieceIn(output, key)
  expect(found, `output still holds "${found}"`).toBeNull()
}

/** A ≥ 8-character piece of the key, spelled the way a careless server might echo it. */
const echoArb = (key: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.nat({ max: key.length - 8 }), fc.nat({ max: key.length }), fc.nat({ max: 11 }), fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }), fc.string({ maxLength: 2 }))
    .map(([start, extra, how, flips, junk]) => {
      const piece = key.slice(start, Math.min(key.length, start + 8 + extra))
      switch (how) {
        case 0: return piece
        case 1: return piece.toLowerCase()
        case 2: return piece.toUpperCase()
        case 3: return [...piece].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join('')
        case 4: return encodeURIComponent(piece)
        case 5: return JSON.stringify(piece)
        case 6: return html(piece)
        case 7: return Buffer.from(piece).toString('base64')
        case 8: return Buffer.from(piece).toString('base64url')
        case 9: return Buffer.from(junk + piece).toString('base64') // another byte offset
        case 10: return `<b>${html(piece.toUpperCase())}</b>`
        default: return `${piece}${piece}`
      }
    })

const caseArb = keyArb.chain((key) => fc.tuple(fc.constant(key), textArb, echoArb(key), textArb))

describe('redact', () => {
  it('leaves no 8-character piece of any spelling of the key', () => {
    fc.assert(
      fc.property(caseArb, ([key, before, echo, after]) => {
        const out = redact(`${before}${echo}${after}`, key)
        assertClean(out, key)
        expect(out).toContain('[REDACTED]')
      }),
      { numRuns: 1000 }
    )
  })

  it('keeps text that holds no piece of the key', () => {
    expect(redact('Refund request has been sent successfully', 'Zq8-unrelated-KEY-0042')).toBe('Refund request has been sent successfully')
  })

  it('excerpts of long bodies are cut before they are redacted, and still clean', () => {
    fc.assert(
      fc.property(caseArb, ([key, before, echo, after]) => {
        assertClean(excerpt(`${'x'.repeat(300)}${before}${echo}${after}`.repeat(3), key, 1000), key)
      }),
      { numRuns: 150 }
    )
  })
})

describe('what leaves the client for a server message that echoes the key', () => {
  const BASE = 'https://app.dev.secpaid.com/api/v2/'
  const serverSays = (message: string): (() => Promise<Response>) => async () =>
    new Response(JSON.stringify({ ResponseCode: 0, Result: 'False', ResponseMsg: message }), { status: 200, headers: { 'content-type': 'application/json' } })

  it('an auth failure says our own sentence; its server text reaches no error view, ledger entry or log', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb.filter(([key]) => /^[\x21-\x7e]+$/.test(key)), async ([key, before, echo, after]) => {
        const t = createTransport({ baseUrl: BASE, apiKey: key, fetch: serverSays(`Incorrect token ${before}${echo}${after}`) })
        const err = await t.post('getPayInTransactions', {}).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(AuthError)
        expect((err as AuthError).message).toBe(AUTH_FAILURE_MESSAGE)
        const view = describeFailure(err)
        expect(view.ipc).toEqual({ kind: 'auth', message: AUTH_FAILURE_MESSAGE })
        expect(classifyRefundFailure(err)).toEqual({ outcome: 'rejected', code: 'auth', message: AUTH_FAILURE_MESSAGE })
        const produced = [JSON.stringify(toSafeJSON(err, key)), JSON.stringify(view), (err as Error).message, (err as AuthError).rawMessage]
        for (const s of produced) assertClean(s, key)
        expect(JSON.stringify(toSafeJSON(err))).not.toContain('Incorrect token')
      }),
      { numRuns: 150 }
    )
  })

  it('a rejection keeps the server text, redacted', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ([key, before, echo, after]) => {
        const t = createTransport({ baseUrl: BASE, apiKey: key, fetch: serverSays(`Link not found ${before}${echo}${after}`) })
        const err = await t.post('refundPayment', {}).catch((e: unknown) => e)
        const produced = [JSON.stringify(toSafeJSON(err)), JSON.stringify(describeFailure(err)), JSON.stringify(classifyRefundFailure(err)), (err as Error).message]
        for (const s of produced) assertClean(s, key)
      }),
      { numRuns: 150 }
    )
  })
})
