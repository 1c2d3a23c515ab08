/**
 * Generates every app icon from the one vector source, resources/icon.svg:
 *   resources/icon.png            512 px — the window icon on Linux
 *   resources/icons/<N>x<N>.png   16…1024 — the Linux desktop entry / AppImage icon set
 *   resources/icon.ico            Windows (installer, exe, shortcuts)
 *   resources/icon.icns           macOS (app bundle, dmg)
 * The outputs are committed, so packaging needs neither tool. Run after changing the SVG:
 * `npm run icons`. resvg rasterises (no system libraries, no fonts needed: the SVG is paths only);
 * png2icons packs ICO and ICNS from the 1024 px raster.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources')
const svg = readFileSync(join(resources, 'icon.svg'))

function rasterise(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng()
}

mkdirSync(join(resources, 'icons'), { recursive: true })
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
  writeFileSync(join(resources, 'icons', `${size}x${size}.png`), rasterise(size))
}
writeFileSync(join(resources, 'icon.png'), rasterise(512))

const master = rasterise(1024)
const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true)
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0)
if (!ico || !icns) throw new Error('png2icons could not create the ICO/ICNS files')
writeFileSync(join(resources, 'icon.ico'), ico)
writeFileSync(join(resources, 'icon.icns'), icns)
console.log(`icons written to ${resources}`)
