import type { Boundary } from '@fitdesk/contracts';

/**
 * Built-in firm-but-polite replies per boundary type, each restating the relevant part of the
 * agreement. A workspace template with the same boundary replaces its built-in one.
 */
export const BOUNDARY_TEMPLATES: Record<Boundary, { subject: string; body: string }> = {
  personal: {
    subject: 'Re: {{request.subject}}',
    body: `Hi {{contact.first_name}},

Thank you for your message. To keep our work together focused and fair to every client, our team keeps personal matters out of client conversations. We are glad to help with anything within our service.

As we agreed: {{agreement.ground_rules}}

Kind regards,
{{agent.name}}
{{workspace.name}}`,
  },
  out_of_scope: {
    subject: 'Re: {{request.subject}}',
    body: `Hi {{contact.first_name}},

Thank you for asking. What you describe falls outside the service we agreed on. Our agreement covers: {{agreement.in_scope}}. It does not include: {{agreement.out_of_scope}}.

If you would like, we can quote this separately or suggest someone who specialises in it.

Kind regards,
{{agent.name}}
{{workspace.name}}`,
  },
  pressure: {
    subject: 'Re: {{request.subject}}',
    body: `Hi {{contact.first_name}},

We have your request #{{request.number}} and it is in hand. As agreed, we reply within {{agreement.first_response}} and resolve within {{agreement.resolution}}, in our service hours: {{agreement.hours}}.

Further reminders will not move it faster, but you will hear from us within that time.

Kind regards,
{{agent.name}}
{{workspace.name}}`,
  },
  abuse: {
    subject: 'Re: {{request.subject}}',
    body: `Hi {{contact.first_name}},

We want to help and we will, but we cannot continue the conversation in this tone. As we agreed: {{agreement.ground_rules}}

Please reply when we can keep it respectful, and we will pick this up straight away.

Kind regards,
{{agent.name}}
{{workspace.name}}`,
  },
  off_hours: {
    subject: 'Re: {{request.subject}}',
    body: `Hi {{contact.first_name}},

Thank you for your message. Our service hours are {{agreement.hours}}. We will pick this up when we are back and reply within {{agreement.first_response}}.

Around-the-clock help covers: {{agreement.around_the_clock}}.

Kind regards,
{{agent.name}}
{{workspace.name}}`,
  },
};
