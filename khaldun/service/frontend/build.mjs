// Build-time only: writes the files the dashboard vendors, so that nothing loads from the internet.
//   cd khaldun/service/frontend && npm ci && node build.mjs
// - ../../data/world/countries-110m.geojson: Natural Earth 110m admin-0 countries (public domain),
//   from world-atlas 2.0.2 (ISC) as GeoJSON, coordinates rounded to 0.01 degree.
// - ../static/swagger/: Swagger UI 5 (Apache-2.0) for the /docs page.
import { readFileSync, writeFileSync, copyFileSync, mkdirSync } from "node:fs";
import { feature } from "topojson-client";

const here = new URL(".", import.meta.url);
const topo = JSON.parse(readFileSync(new URL("node_modules/world-atlas/countries-110m.json", here)));
const world = feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
world.features = world.features.map((f) => ({
  type: "Feature",
  id: f.id ?? null,
  properties: { name: f.properties.name },
  geometry: f.geometry && { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
}));
writeFileSync(new URL("../../data/world/countries-110m.geojson", here), JSON.stringify(world));

const out = new URL("../static/swagger/", here);
mkdirSync(out, { recursive: true });
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"]) {
  copyFileSync(new URL(`node_modules/swagger-ui-dist/${f}`, here), new URL(f, out));
}
console.log(`world: ${world.features.length} countries; swagger-ui copied`);
