import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from './graph-api.client.js';
import { countBodyParameters } from './graph-api.responses.js';
import { GRAPH, TOKEN, client, useNock } from './__tests__/graph-nock.js';

useNock();

describe('GraphApiClient templates', () => {
  it('lists templates across pages with status, quality, category, language and components', async () => {
    const path = `/${GRAPH_API_VERSION}/102290129340398/message_templates`;
    const fields = 'id,name,language,status,category,quality_score,components';
    const scope = nock(GRAPH)
      .get(path)
      .query({ fields, limit: '100' })
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, {
        data: [
          {
            id: '1192339204654487',
            name: 'bridgeline_opt_in',
            language: 'en_US',
            status: 'APPROVED',
            category: 'UTILITY',
            quality_score: { score: 'GREEN', date: 1750000000 },
            components: [
              { type: 'BODY', text: 'Hi {{1}}, {{2}} would like to message you on WhatsApp.' },
              {
                type: 'BUTTONS',
                buttons: [
                  { type: 'QUICK_REPLY', text: 'Start conversation' },
                  { type: 'QUICK_REPLY', text: 'Stop' },
                ],
              },
            ],
          },
        ],
        paging: {
          cursors: { before: 'MAZDZD', after: 'MjQZD' },
          next: `${GRAPH}${path}?after=MjQZD`,
        },
      })
      .get(path)
      .query({ fields, limit: '100', after: 'MjQZD' })
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, {
        data: [
          {
            id: '920070352646140',
            name: '2023_april_promo',
            language: 'en_US',
            status: 'REJECTED',
            category: 'MARKETING',
            components: [{ type: 'HEADER', format: 'TEXT', text: 'Fall Sale' }],
          },
        ],
        paging: { cursors: { before: 'MjQZD', after: 'MjQZE' } },
      });

    const templates = await client().listTemplates('102290129340398');

    expect(scope.isDone()).toBe(true);
    expect(templates).toEqual([
      {
        id: '1192339204654487',
        name: 'bridgeline_opt_in',
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        quality: 'GREEN',
        components: [
          {
            type: 'BODY',
            format: null,
            text: 'Hi {{1}}, {{2}} would like to message you on WhatsApp.',
            buttons: [],
          },
          {
            type: 'BUTTONS',
            format: null,
            text: null,
            buttons: [
              { type: 'QUICK_REPLY', text: 'Start conversation' },
              { type: 'QUICK_REPLY', text: 'Stop' },
            ],
          },
        ],
        bodyParameterCount: 2,
        quickReplies: ['Start conversation', 'Stop'],
      },
      {
        id: '920070352646140',
        name: '2023_april_promo',
        language: 'en_US',
        status: 'REJECTED',
        category: 'MARKETING',
        quality: null,
        components: [{ type: 'HEADER', format: 'TEXT', text: 'Fall Sale', buttons: [] }],
        bodyParameterCount: 0,
        quickReplies: [],
      },
    ]);
  });
});

describe("the template catalogue's parameter count", () => {
  it('counts parameters up to the highest placeholder, as the composer does, so a gap in the numbering still fills the last one', () => {
    expect(countBodyParameters('Hello {{1}}, see {{3}} and {{1}} again')).toBe(3);
    expect(countBodyParameters('No placeholders')).toBe(0);
    expect(countBodyParameters(null)).toBe(0);
  });
});
