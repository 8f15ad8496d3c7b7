// Regression: on CodiMD (Express + Sequelize, sequelize-cli's models/index.js), the models a loop loads from
// the folder were unknown, so `models.Note.findOne(…)` in eleven modules was no coupling (ORM: 6 modules, 35
// sites, no models); a routes folder loaded with `require('./routes/' + file)(app)` registered no routes.
import * as assert from 'assert';
import { analyzeFiles } from './helpers/project';
import type { AnalysisResult } from '../../server/src/engine/model';

const PKG = JSON.stringify({ name: 'notes', dependencies: { express: '^4.21.0', sequelize: '^5.22.0' } });

/** sequelize-cli's models/index.js, with the loader line given. */
const modelsIndex = (load: string) => `'use strict'
var fs = require('fs')
var path = require('path')
var Sequelize = require('sequelize')
var sequelize = new Sequelize(process.env.DATABASE_URL)
var db = {}

fs.readdirSync(__dirname)
  .filter(function (file) {
    return (file.indexOf('.') !== 0) && (file !== 'index.js')
  })
  .forEach(function (file) {
    var model = ${load}
    db[model.name] = model
  })

Object.keys(db).forEach(function (modelName) {
  if ('associate' in db[modelName]) db[modelName].associate(db)
})

db.sequelize = sequelize
db.Sequelize = Sequelize

module.exports = db
`;

const note = `module.exports = function (sequelize, DataTypes) {
  var Note = sequelize.define('Note', { title: DataTypes.TEXT, ownerId: DataTypes.UUID })
  Note.associate = function (models) {
    Note.belongsTo(models.User, { foreignKey: 'ownerId', as: 'owner' })
  }
  Note.decodeTitle = function (title) {
    return title ? title.trim() : 'Untitled'
  }
  return Note
}
`;

const user = `module.exports = (sequelize, DataTypes) => {
  const User = sequelize.define('User', { email: DataTypes.STRING })
  return User
}
`;

const history = `var models = require('../models')

exports.rename = function (noteId, title, done) {
  var clean = models.Note.decodeTitle(title)
  models.Note.update({ title: clean.slice(0, 100) }, { where: { id: noteId } }).then(function () { done() })
}

exports.owner = function (noteId) {
  return models.Note.findOne({ where: { id: noteId }, include: [{ model: models.User, as: 'owner' }] })
}

exports.raw = function () {
  return models.sequelize.query('SELECT 1')
}
`;

function ormSites(r: AnalysisResult, file: string): string[] {
  return r.modules.find((m) => m.path === file)!.sites.filter((s) => s.concern === 'orm').map((s) => `${s.line} ${s.kind} ${s.text}`);
}

describe('engine: modules loaded from a folder at run time', () => {
  for (const [form, load] of [
    ['require(path.join(__dirname, file))(sequelize, Sequelize)', 'require(path.join(__dirname, file))(sequelize, Sequelize)'],
    ["sequelize['import'](path.join(__dirname, file))", "sequelize['import'](path.join(__dirname, file))"],
  ] as const) {
    it(`sequelize-cli models/index.js (${form}): each model is a member of the exported object, its module handed sequelize`, () => {
      const r = analyzeFiles({ 'package.json': PKG, 'lib/models/index.js': modelsIndex(load), 'lib/models/note.js': note, 'lib/models/user.js': user, 'lib/history/index.js': history });
      assert.deepStrictEqual(
        r.models.map((m) => `${m.name} ${m.file}:${m.line}${m.readers ? ` reads ${m.readers.join(',')} writes ${m.writers!.join(',')}` : ''}`),
        // User only named in an include: no reads or writes seen, so no lists.
        ['Note lib/models/note.js:2 reads lib/history/index.js:9 writes lib/history/index.js:5', 'User lib/models/user.js:2'],
      );
      assert.deepStrictEqual(ormSites(r, 'lib/history/index.js'), [
        "1 bound-import * as models from '../models'",
        // The project's own function on its model: the call is the model's API, its result the project's string.
        '4 call models.Note.decodeTitle',
        '5 call models.Note.update.then',
        '9 call models.Note.findOne',
        '13 call models.sequelize.query',
      ]);
      assert.ok(ormSites(r, 'lib/models/note.js').includes('4 call Note.belongsTo'), 'the model module is detected with sequelize bound');
      // What the loop loads is a runtime dependency of the registry: the models' blast radius reaches its importers.
      assert.deepStrictEqual(r.modules.find((m) => m.path === 'lib/models/index.js')!.imports, ['lib/models/note.js', 'lib/models/user.js']);
      assert.strictEqual(r.modules.find((m) => m.path === 'lib/models/note.js')!.breakdown.dependents, 2);
    });
  }

  it('members assigned to an exported object (db.User = require(…)(sequelize, DataTypes)) are its exports, under import default too', () => {
    const index = `import { Sequelize, DataTypes } from 'sequelize';
import defineUser from './user';

const sequelize = new Sequelize('sqlite::memory:');
const db = {};
db.User = defineUser(sequelize, DataTypes);
db.sequelize = sequelize;
export default db;
`;
    const userTs = `export default function (sequelize, DataTypes) {
  return sequelize.define('User', { email: DataTypes.STRING });
}
`;
    const users = `import db from './models';

export function byEmail(email) {
  return db.User.findOne({ where: { email } });
}
`;
    const r = analyzeFiles({ 'package.json': PKG, 'src/models/index.js': index, 'src/models/user.js': userTs, 'src/users.js': users });
    assert.deepStrictEqual(ormSites(r, 'src/users.js'), ["1 bound-import default as db from './models'", '4 call db.User.findOne']);
  });

  it("an object exported as declared (const options: PipeOptions = { … }; export default options) keeps its declared type's binding", () => {
    const options = `import { ValidationPipeOptions } from '@nestjs/common';

const validationOptions: ValidationPipeOptions = { transform: true, whitelist: true };

export default validationOptions;
`;
    const main = `import validationOptions from './validation-options';

export const pipes = [validationOptions];
`;
    const r = analyzeFiles({ 'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/common': '^10.0.0' } }), 'src/validation-options.ts': options, 'src/main.ts': main });
    assert.deepStrictEqual(r.modules.find((m) => m.path === 'src/main.ts')!.sites, []);
  });

  it("a routes folder each required and handed the app (require('./routes/' + file)(app)) registers their routes", () => {
    const app = `const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
fs.readdirSync(path.join(__dirname, 'routes')).forEach((file) => {
  require('./routes/' + file)(app);
});
fs.readdirSync(path.join(__dirname, 'admin')).forEach((file) => require(\`\${__dirname}/admin/\${file}\`)(app, '/admin'));
module.exports = app;
`;
    const notes = `module.exports = function (app) {
  app.get('/notes', (req, res) => res.json([]));
  app.post('/notes', (req, res) => res.status(201).end());
};
`;
    const stats = `module.exports = (app, prefix) => {
  app.get(prefix + '/stats', (req, res) => res.json({}));
};
`;
    const r = analyzeFiles({ 'package.json': PKG, 'src/app.js': app, 'src/routes/notes.js': notes, 'src/admin/stats.js': stats, 'src/routes/notes.test.js': notes });
    assert.deepStrictEqual(r.modules.find((m) => m.path === 'src/app.js')!.imports, ['src/admin/stats.js', 'src/routes/notes.js']);
    // The test file beside the routes is not loaded by the app.
    assert.deepStrictEqual(r.routes.map((x) => `${x.method} ${x.path} ${x.file}:${x.line}`), [
      'GET /notes src/routes/notes.js:2',
      'POST /notes src/routes/notes.js:3',
      'GET /{prefix}/stats src/admin/stats.js:2',
    ]);
  });

  it('route files a glob lists (glob.sync, sync with cwd: __dirname, a pattern from the workspace root) are loaded and handed the app', () => {
    const loader = `const { sync } = require('glob');
const glob = require('glob');
const path = require('path');

module.exports = (app) => {
  const paths = sync('../routes/**/*.routes.js', { cwd: __dirname });
  paths.forEach((p) => require(p)(app));
  glob.sync(path.join(__dirname, '../admin/*.js')).forEach((file) => {
    require(path.resolve(file))(app);
  });
  glob.sync('./api/*.js').forEach((file) => app.use('/api', require(path.resolve(file))));
};
`;
    const app = `const express = require('express');\nconst app = express();\nrequire('./config/routes')(app);\nmodule.exports = app;\n`;
    const users = `module.exports = (app) => {\n  app.get('/users', (req, res) => res.json([]));\n};\n`;
    const stats = `module.exports = function (app) {\n  app.get('/admin/stats', (req, res) => res.json({}));\n};\n`;
    const api = `const { Router } = require('express');\nconst r = Router();\nr.get('/health', (req, res) => res.send('ok'));\nmodule.exports = r;\n`;
    const r = analyzeFiles({
      'package.json': JSON.stringify({ name: 'x', dependencies: { express: '^4.21.0', glob: '^10.0.0' } }),
      'src/app.js': app,
      'src/config/routes.js': loader,
      'src/routes/users/users.routes.js': users,
      'src/routes/users/users.test.js': users,
      'src/admin/stats.js': stats,
      'api/health.js': api,
    });
    assert.deepStrictEqual(r.routes.map((x) => `${x.method} ${x.path} ${x.file}:${x.line}`), [
      'GET /admin/stats src/admin/stats.js:2',
      'GET /api/health api/health.js:3',
      'GET /users src/routes/users/users.routes.js:2',
    ]);
    assert.deepStrictEqual(r.modules.find((m) => m.path === 'src/config/routes.js')!.imports, ['api/health.js', 'src/admin/stats.js', 'src/routes/users/users.routes.js']);
    assert.deepStrictEqual(r.problems.filter((p) => p.code === 'unreached-routes'), []);
  });
});
