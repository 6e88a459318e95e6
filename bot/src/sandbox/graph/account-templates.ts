/**
 * The simulated WhatsApp Business Account's message templates, in the shape `GET /{waba-id}/message_templates`
 * answers. The opt-in and resume templates take the names the app is configured with.
 */
export interface SandboxTemplate {
  id: string;
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED';
  category: 'UTILITY' | 'MARKETING';
  quality_score: { score: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN' };
  components: (
    | { type: 'HEADER'; format: 'TEXT'; text: string }
    | { type: 'BODY'; text: string }
    | { type: 'FOOTER'; text: string }
    | { type: 'BUTTONS'; buttons: { type: 'QUICK_REPLY'; text: string }[] }
  )[];
}

type TemplateRef = { name: string; language: string };

export function sandboxTemplates(optIn: TemplateRef, resume: TemplateRef): SandboxTemplate[] {
  return [
    {
      id: '1000000000000001',
      ...optIn,
      status: 'APPROVED',
      category: 'UTILITY',
      quality_score: { score: 'GREEN' },
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Can we message you here?' },
        {
          type: 'BODY',
          text: 'Hello! Your adviser would like to continue your conversation on WhatsApp. Messages are recorded for compliance. Tap "Start conversation" to accept, or "Stop" if you prefer not to.',
        },
        { type: 'FOOTER', text: 'Reply STOP at any time to opt out' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Start conversation' },
            { type: 'QUICK_REPLY', text: 'Stop' },
          ],
        },
      ],
    },
    {
      id: '1000000000000002',
      ...resume,
      status: 'APPROVED',
      category: 'UTILITY',
      quality_score: { score: 'GREEN' },
      components: [
        {
          type: 'BODY',
          text: 'Your adviser has new messages for you. Tap "Resume conversation" to receive them.',
        },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Resume conversation' }] },
      ],
    },
    {
      id: '1000000000000003',
      name: 'appointment_reminder',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      quality_score: { score: 'GREEN' },
      components: [
        {
          type: 'BODY',
          text: 'Reminder: your appointment with {{1}} is on {{2}}. Reply here if you need to move it.',
        },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Confirm' },
            { type: 'QUICK_REPLY', text: 'Reschedule' },
          ],
        },
      ],
    },
    {
      id: '1000000000000004',
      name: 'spring_promotion',
      language: 'en_US',
      status: 'REJECTED',
      category: 'MARKETING',
      quality_score: { score: 'UNKNOWN' },
      components: [{ type: 'BODY', text: 'Spring offer: 20% off all plans this week!' }],
    },
  ];
}
