import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detectLanguage.js';

describe('detectLanguage', () => {
  const cases: Array<[string, string]> = [
    ['how do I get my toddler to sleep through the night', 'en'],
    ['¿me puedes ayudar con la declaración de la renta?', 'es'],
    ['necesito que me expliques cómo funciona el sistema inmunológico', 'es'],
    ["je voudrais savoir comment on calcule l'impôt sur le revenu", 'fr'],
    ['est-ce que tu peux corriger ma lettre de motivation', 'fr'],
    ['Kannst du mir bitte erklären, wie die Fotosynthese funktioniert?', 'de'],
    ['ich brauche hilfe bei meiner steuererklärung', 'de'],
    ['você pode me ajudar a organizar minhas finanças?', 'pt'],
    ['não sei como falar com meu chefe sobre o aumento', 'pt'],
    ['mi puoi aiutare a scrivere una lettera al condominio?', 'it'],
    ['non riesco a capire come funziona il congiuntivo', 'it'],
    ['mujhe samajh nahi aa raha ki resume kaise banau', 'hi'],
    ['kya aap mujhe bata sakte ho ki yeh kaise kaam karta hai', 'hi'],
  ];
  for (const [text, language] of cases) it(`reads "${text}" as ${language}`, () => expect(detectLanguage(text)).toBe(language));

  it('reads short messages when a function word or a letter says', () => {
    expect(detectLanguage('qué es un ensayo')).toBe('es');
    expect(detectLanguage('was ist das')).toBe('de');
    expect(detectLanguage('Fußball heute')).toBe('de');
    expect(detectLanguage('kya haal hai')).toBe('hi');
    expect(detectLanguage('ça va ?')).toBe('fr');
    expect(detectLanguage('what is this')).toBe('en');
  });

  it("says 'und' when nothing decides", () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('👍')).toBe('und');
    expect(detectLanguage('haiku')).toBe('und');
    expect(detectLanguage('python')).toBe('und');
    expect(detectLanguage('12 + 7')).toBe('und');
  });

  it('reads mixed messages by their grammar, not their borrowed words', () => {
    // Hinglish is full of English nouns; its function words are Hindi.
    expect(detectLanguage('mera laptop ka battery jaldi khatam ho jata hai, koi solution batao')).toBe('hi');
    expect(detectLanguage('cómo hago un merge request en gitlab')).toBe('es');
    expect(detectLanguage('ich hab ein meeting mit dem team und brauche eine agenda')).toBe('de');
    // An English sentence quoting another language stays English.
    expect(detectLanguage('what does "je ne sais quoi" mean in English, and how do you use it')).toBe('en');
    expect(detectLanguage("what's a good name for a cat")).toBe('en');
  });

  it('reads Devanagari as Hindi', () => {
    expect(detectLanguage('मुझे बुखार है')).toBe('hi');
  });

  it('tells the close Romance languages apart', () => {
    expect(detectLanguage('tengo una pregunta sobre mi contrato de alquiler')).toBe('es');
    expect(detectLanguage('tenho uma pergunta sobre o meu contrato de aluguel')).toBe('pt');
    expect(detectLanguage('ho una domanda sul mio contratto di affitto')).toBe('it');
    expect(detectLanguage("j'ai une question sur mon contrat de location")).toBe('fr');
  });

  it('lets letter trigrams settle a tie of function words, or a longer text with none', () => {
    // "a" and "que" are French and Portuguese alike: the letters say Portuguese.
    expect(detectLanguage('a que horas abre a farmácia')).toBe('pt');
    expect(detectLanguage('pasta e fagioli ricetta')).toBe('it');
    expect(detectLanguage('canzone triste')).toBe('it');
  });
});
