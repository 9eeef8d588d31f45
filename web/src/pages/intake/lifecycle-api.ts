/** Typed endpoints of the client lifecycle: intake, prospects, referrals, time, health, review, repair, exit, growth. */
import type { z } from 'zod';
import type {
  AcceptResult as AcceptResultS,
  BookView as BookViewS,
  ClientHealthView as ClientHealthViewS,
  ClientLifecycle as ClientLifecycleS,
  ClientLifecyclePatch as ClientLifecyclePatchS,
  Exit as ExitS,
  ExitRefundBody as ExitRefundBodyS,
  FitResult as FitResultS,
  IdealClientProfile as IdealClientProfileS,
  IntakeQuestion as IntakeQuestionS,
  LetterPreview as LetterPreviewS,
  LifecycleSettings as LifecycleSettingsS,
  LookalikeResult as LookalikeResultS,
  Prospect as ProspectS,
  Provider as ProviderS,
  ProviderInput as ProviderInputS,
  ReferralReport as ReferralReportS,
  Repair as RepairS,
  RepairReport as RepairReportS,
  RepairView as RepairViewS,
  ReviewItem as ReviewItemS,
  SuggestResult as SuggestResultS,
  TimeSummary as TimeSummaryS,
  IntakeAnswers as IntakeAnswersS,
} from '@fitdesk/contracts';
import { api, ApiError, http, type Page } from '../../api';

export type Prospect = z.infer<typeof ProspectS>;
export type FitResult = z.infer<typeof FitResultS>;
export type Lookalike = z.infer<typeof LookalikeResultS>;
export type Profile = z.input<typeof IdealClientProfileS>;
export type IntakeQuestion = z.infer<typeof IntakeQuestionS>;
export type IntakeAnswers = z.infer<typeof IntakeAnswersS>;
export type Provider = z.infer<typeof ProviderS>;
export type ProviderInput = z.input<typeof ProviderInputS>;
export type TimeSummary = z.infer<typeof TimeSummaryS>;
export type ClientHealthView = z.infer<typeof ClientHealthViewS>;
export type ClientLifecycle = z.infer<typeof ClientLifecycleS>;
export type ClientLifecyclePatch = z.input<typeof ClientLifecyclePatchS>;
export type ReviewItem = z.infer<typeof ReviewItemS>;
export type RepairView = z.infer<typeof RepairViewS>;
export type Repair = z.infer<typeof RepairS>;
export type RepairReport = z.infer<typeof RepairReportS>;
export type Exit = z.infer<typeof ExitS>;
export type ExitRefundBody = z.input<typeof ExitRefundBodyS>;
export type LetterPreview = z.infer<typeof LetterPreviewS>;
export type BookView = z.infer<typeof BookViewS>;
export type ReferralReport = z.infer<typeof ReferralReportS>;
export type Settings = z.infer<typeof LifecycleSettingsS>;
type Suggest = z.infer<typeof SuggestResultS>;
type AcceptResult = z.infer<typeof AcceptResultS>;
const id = (s: string) => encodeURIComponent(s);

export const lifecycle = {
  profile: (signal?: AbortSignal) => http.get<{ profile: Profile; questions: IntakeQuestion[]; publicUrl: string }>('/intake/profile', undefined, signal),
  saveProfile: (profile: Profile) => put<{ profile: Profile; questions: IntakeQuestion[]; publicUrl: string }>('/intake/profile', profile),
  preview: (answers: IntakeAnswers, profile?: Profile) => http.post<{ fit: FitResult; lookalike: Lookalike | null }>('/intake/preview', { answers, profile }),
  settings: (signal?: AbortSignal) => http.get<Settings>('/lifecycle/settings', undefined, signal),
  updateSettings: (patch: Partial<Settings>) => http.patch<Settings>('/lifecycle/settings', patch),
  prospects: (query: { status?: string; limit?: number }, signal?: AbortSignal) => http.get<Page<Prospect>>('/prospects', query, signal),
  prospect: (pid: string, signal?: AbortSignal) => http.get<Prospect>(`/prospects/${id(pid)}`, undefined, signal),
  accept: (pid: string, body: { note?: string; paidAmountMinor?: number; revenueMinor?: number; currency?: string }) => http.post<AcceptResult>(`/prospects/${id(pid)}/accept`, body),
  declinePreview: (pid: string, providerIds: string[]) => http.post<LetterPreview>(`/prospects/${id(pid)}/decline/preview`, { providerIds }),
  decline: (pid: string, body: { providerIds: string[]; note?: string; subject?: string; body?: string }) => http.post<Prospect>(`/prospects/${id(pid)}/decline`, body),
  providers: (signal?: AbortSignal) => http.get<{ items: Provider[] }>('/referral-providers', undefined, signal),
  createProvider: (body: ProviderInput) => http.post<Provider>('/referral-providers', body),
  deleteProvider: (pid: string) => http.del<{ ok: true }>(`/referral-providers/${id(pid)}`),
  suggest: (needs: string | string[]) => http.post<Suggest>('/referral-providers/suggest', { needs }),
  time: (rid: string, signal?: AbortSignal) => http.get<TimeSummary>(`/requests/${id(rid)}/time`, undefined, signal),
  startTimer: (rid: string) => http.post<TimeSummary>(`/requests/${id(rid)}/time/start`, {}),
  stopTimer: (rid: string) => http.post<TimeSummary>(`/requests/${id(rid)}/time/stop`, {}),
  logTime: (rid: string, minutes: number, note: string) => http.post<TimeSummary>(`/requests/${id(rid)}/time`, { minutes, note }),
  health: (cid: string, signal?: AbortSignal) => http.get<ClientHealthView>(`/clients/${id(cid)}/health`, undefined, signal),
  recompute: (cid: string) => http.post<ClientHealthView>(`/clients/${id(cid)}/health/recompute`),
  updateLifecycle: (cid: string, patch: ClientLifecyclePatch) => http.patch<ClientLifecycle>(`/clients/${id(cid)}/lifecycle`, patch),
  book: (signal?: AbortSignal) => http.get<BookView>('/reports/effort-value', undefined, signal),
  reviewQueue: (status: 'open' | 'decided' | 'any', signal?: AbortSignal) => http.get<{ items: ReviewItem[] }>('/review-queue', { status }, signal),
  runReview: () => http.post<{ added: number; items: ReviewItem[] }>('/review-queue/run'),
  decide: (rid: string, decision: string, note: string) => http.post<ReviewItem>(`/review-queue/${id(rid)}/decision`, { decision, note }),
  repair: (rid: string, signal?: AbortSignal) => http.get<RepairView>(`/requests/${id(rid)}/repair`, undefined, signal),
  chooseRepair: (rid: string, body: { choice: string; note?: string; callAt?: string; message?: string }) => http.post<Repair>(`/requests/${id(rid)}/repair`, body),
  repairOutcome: (repairId: string, outcome: string, note = '') => http.post<Repair>(`/repairs/${id(repairId)}/outcome`, { outcome, note }),
  repairReport: (signal?: AbortSignal) => http.get<RepairReport>('/reports/repairs', undefined, signal),
  startExit: (cid: string, reason: string, note: string) => http.post<Exit>(`/clients/${id(cid)}/exit`, { reason, note }),
  exitsOf: (cid: string, signal?: AbortSignal) => http.get<{ items: Exit[] }>(`/clients/${id(cid)}/exits`, undefined, signal),
  exit: (eid: string, signal?: AbortSignal) => http.get<Exit>(`/exits/${id(eid)}`, undefined, signal),
  refund: (eid: string, body: ExitRefundBody) => http.post<Exit>(`/exits/${id(eid)}/refund`, body),
  referral: (eid: string, providerIds: string[], note = '') => http.post<Exit>(`/exits/${id(eid)}/referral`, { providerIds, note }),
  letter: (eid: string, signal?: AbortSignal) => http.get<LetterPreview>(`/exits/${id(eid)}/letter`, undefined, signal),
  sendLetter: (eid: string, body: { subject?: string; body?: string }) => http.post<Exit>(`/exits/${id(eid)}/letter`, body),
  produceExport: (eid: string) => http.post<Exit>(`/exits/${id(eid)}/export`),
  exportUrl: (eid: string) => `/api/v1/exits/${id(eid)}/export.zip`,
  complete: (eid: string, closingNote?: string) => http.post<Exit>(`/exits/${id(eid)}/complete`, closingNote ? { closingNote } : {}),
  referralReport: (signal?: AbortSignal) => http.get<ReferralReport>('/reports/referrals', undefined, signal),
};

/** PUT with the session's CSRF token (the shared helpers cover GET/POST/PATCH/DELETE). */
async function put<T>(path: string, body: unknown): Promise<T> {
  const session = await api.auth.session();
  const res = await fetch(`/api/v1${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': session.csrfToken ?? '' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) throw new ApiError(res.status, (data?.error?.code ?? 'internal') as never, data?.error?.message ?? `Request failed (${res.status})`, data?.error?.field);
  return data as T;
}

/** Money in minor units as "1,200.00 EUR". */
export const moneyMinor = (minor: number | null | undefined, currency = 'USD'): string =>
  minor == null ? '—' : `${new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100)} ${currency}`;

export const BAND_LABEL: Record<string, string> = { strong: 'Strong fit', good: 'Good fit', weak: 'Weak fit', poor: 'Poor fit', healthy: 'Healthy', watch: 'Watch', at_risk: 'At risk' };
export const REC_LABEL: Record<string, string> = { accept: 'Accept', review: 'Review', decline: 'Decline', keep: 'Keep', coach: 'Coach (reset expectations)', escalate: 'Escalate', part_ways: 'Part ways' };
