import type { FastifyInstance } from 'fastify';
import { intakeQuestions } from '@fitdesk/core';
import {
  AcceptProspectBody,
  AcceptResult,
  DeclineProspectBody,
  IdealClientProfile,
  LetterPreview,
  LifecycleSettings,
  LifecycleSettingsPatch,
  Page,
  PreviewBody,
  PreviewResult,
  ProfileView,
  Prospect,
  ProspectInput,
  ProspectListQuery,
  PublicIntakeAck,
  PublicIntakeBody,
  PublicIntakeForm,
  SlugParams,
} from '@fitdesk/contracts';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { workspaces } from '../../db/schema/index.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './intake.service.js';
import { getSettings, profileOf, saveProfile, settingsRow, updateSettings } from './settings.service.js';

export function intakeRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['intake'];
  const profileView = async (workspaceId: string) => {
    const row = await settingsRow(deps.db, workspaceId);
    const [w] = await deps.db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
    const profile = profileOf(row);
    return { profile, questions: intakeQuestions(profile), publicUrl: `/apply/${w?.slug ?? ''}` };
  };
  r.get('/api/v1/intake/profile', { schema: { tags, summary: 'The ideal-client profile and the intake questions it produces', response: { 200: ProfileView, ...errors } } }, async (req) =>
    profileView(actorOf(req).workspaceId),
  );
  r.put('/api/v1/intake/profile', { schema: { tags, body: IdealClientProfile, response: { 200: ProfileView, ...errors } } }, async (req) => {
    await saveProfile(deps, actorOf(req), req.body);
    return profileView(actorOf(req).workspaceId);
  });
  r.post('/api/v1/intake/preview', { schema: { tags, summary: 'Score sample answers against the saved (or a draft) profile', body: PreviewBody, response: { 200: PreviewResult, ...errors } } }, async (req) => {
    const ws = actorOf(req).workspaceId;
    const profile = req.body.profile ?? profileOf(await settingsRow(deps.db, ws));
    const { fit, lookalike } = await svc.scoreAnswers(deps.db, ws, profile, req.body.answers);
    return { fit, lookalike };
  });
  r.get('/api/v1/lifecycle/settings', { schema: { tags, response: { 200: LifecycleSettings, ...errors } } }, async (req) => getSettings(deps, actorOf(req)));
  r.patch('/api/v1/lifecycle/settings', { schema: { tags, body: LifecycleSettingsPatch, response: { 200: LifecycleSettings, ...errors } } }, async (req) =>
    updateSettings(deps, actorOf(req), req.body),
  );

  // Per client address: generous for people, tight for scripts (the honeypot catches the rest).
  const publicLimit = { max: 20, timeWindow: '1 minute' };
  r.get('/api/public/intake/:slug', { schema: { tags, summary: 'Public intake form questions (no login)', params: SlugParams, response: { 200: PublicIntakeForm, ...errors } }, config: { public: true, rateLimit: publicLimit } }, async (req) =>
    svc.publicForm(deps, req.params.slug),
  );
  r.post(
    '/api/public/intake/:slug',
    { schema: { tags, summary: 'Apply through the public intake form (no login)', params: SlugParams, body: PublicIntakeBody, response: { 201: PublicIntakeAck, ...errors } }, config: { public: true, rateLimit: publicLimit } },
    async (req, reply) => reply.status(201).send(await svc.submitPublic(deps, req.params.slug, req.body)),
  );

  r.get('/api/v1/prospects', { schema: { tags, querystring: ProspectListQuery, response: { 200: Page(Prospect), ...errors } } }, async (req) => svc.listProspects(deps, actorOf(req), req.query));
  r.post('/api/v1/prospects', { schema: { tags, body: ProspectInput, response: { 201: Prospect, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createProspect(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/prospects/:id', { schema: { tags, params: IdParams, response: { 200: Prospect, ...errors } } }, async (req) => svc.getProspect(deps, actorOf(req), req.params.id));
  r.post('/api/v1/prospects/:id/accept', { schema: { tags, params: IdParams, body: AcceptProspectBody, response: { 200: AcceptResult, ...errors } } }, async (req) =>
    svc.acceptProspect(deps, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/v1/prospects/:id/decline/preview', { schema: { tags, params: IdParams, body: DeclineProspectBody, response: { 200: LetterPreview, ...errors } } }, async (req) =>
    svc.previewDecline(deps, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/v1/prospects/:id/decline', { schema: { tags, params: IdParams, body: DeclineProspectBody, response: { 200: Prospect, ...errors } } }, async (req) =>
    svc.declineProspect(deps, actorOf(req), req.params.id, req.body),
  );
}
