import { expect } from 'chai';
import { loadContent } from '../content/loadContent.js';
import { createUrgencyDetector } from './detectUrgency.js';

const detector = createUrgencyDetector(loadContent());
const levelOf = (text: string) => detector.detect(text).level;

describe('urgency by kind: false alarms of the floor and idioms', () => {
  it('someone at home, when the person says they can talk, is not danger now', () => {
    expect(levelOf('hes in the kitchen cooking his dinner, i can talk')).to.equal('routine');
    expect(levelOf('she is upstairs asleep so im ok to talk')).to.equal('routine');
    // Without the reassurance, or with danger beside it, it still is.
    expect(levelOf('hes in the kitchen i cant talk')).to.equal('emergency');
    expect(levelOf('hes downstairs i can talk but hes got a knife')).to.equal('emergency');
    // Someone coming or outside is never cancelled by it.
    expect(levelOf('hes on his way home but i can talk for a bit')).to.equal('emergency');
  });

  it('petrol is danger with pouring or on someone, not on its own', () => {
    expect(levelOf('i need petrol for the car before the school run')).to.equal('routine');
    expect(levelOf('he poured petrol all over the carpet')).to.equal('emergency');
    expect(levelOf('hes covered me in petrol')).to.equal('emergency');
  });

  it('"regret it", "be sorry", "disappear" are threats only when someone says them', () => {
    expect(levelOf('you will regret it if you miss the sale')).to.equal('routine');
    expect(levelOf('i want to disappear on a beach for a week')).to.equal('routine');
    expect(levelOf('he said ill regret it when he gets home')).to.equal('emergency');
    expect(levelOf('she texted saying i will be sorry tonight')).to.equal('emergency');
    expect(levelOf('i just want to disappear forever')).to.equal('emergency');
  });

  it('idioms with kill and dead stay routine, in the phrase lists too', () => {
    expect(levelOf('my mum will kill me if im late')).to.equal('routine');
    expect(levelOf('my boss will kill me if i forget the keys')).to.equal('routine');
    expect(levelOf('im dead tired tonight')).to.equal('routine');
    // A phrase that holds a whole idiom on purpose, and a threat by a partner, still count.
    expect(levelOf('hes kicking off')).to.equal('emergency');
    expect(levelOf('he will kill me if im late home')).to.equal('emergency');
  });
});

describe('urgency by kind: restraint, burns and strangulation now', () => {
  it('held down, pinned, tied or sat on is an emergency; a pet or an idiom is not', () => {
    expect(levelOf('hes holding me down and wont let go')).to.equal('emergency');
    expect(levelOf('he has me pinned against the fridge')).to.equal('emergency');
    expect(levelOf('shes tied my hands behind my back')).to.equal('emergency');
    expect(levelOf('my husband is kneeling on my back')).to.equal('emergency');
    expect(levelOf('hes locked my son in the shed')).to.equal('emergency');
    expect(levelOf('the cat is sitting on me lol')).to.equal('routine');
    expect(levelOf('my hands are tied at work till friday')).to.equal('routine');
  });

  it('burns done by someone are an emergency', () => {
    expect(levelOf('he burnt me with a cigarette')).to.equal('emergency');
    expect(levelOf('she pressed the iron on my arm')).to.equal('emergency');
    expect(levelOf('he threw the kettle at me')).to.equal('emergency');
  });

  it('strangulation told in the present is now, with its advice; in the past it is urgent', () => {
    const now = detector.detect('hes got his hands round my neck');
    expect(now.level).to.equal('emergency');
    expect(now.strangulation).to.equal(true);
    expect(levelOf('his hands are around my throat')).to.equal('emergency');
    expect(levelOf('he had his hands round my neck last year')).to.equal('urgent');
  });
});
