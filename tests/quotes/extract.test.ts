import { brief, freshRegistry, quotesOf } from '../helpers/core';

describe('extractQuotes: English frames', () => {
  it('attributes "…," said X, …, said in a statement to X', () => {
    const [q] = quotesOf('"The mission is not over," said Maj. Gen. Kevin Copsey, the deputy commander, said in a statement on Tuesday.');
    expect(brief(q)).toEqual({ kind: 'direct', speaker: 'Kevin Copsey', text: 'The mission is not over,' });
  });

  it('follows "he" to the last person who spoke', () => {
    const qs = quotesOf('Col. Wayne Marotto visited the base. "We remain committed," he said.');
    expect(qs.map(brief)).toEqual([{ kind: 'direct', speaker: 'Wayne Marotto', text: 'We remain committed,' }]);
  });

  it('resolves "she" to the last woman named, not the last person', () => {
    const text = 'Ilham Ahmed met the delegation. Col. Wayne Marotto spoke first.\n\n"We need the countries to take their citizens back," she said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ilham Ahmed']);
  });

  it('"he" after a sentence opened by an unnamed source who spoke means that source', () => {
    const text =
      'Col. Wayne Marotto visited the camp. A Western diplomat who follows the file, speaking on condition of anonymity, said several capitals were reviewing their positions. "Nobody wants to be the minister who brought home the wrong person," he said.';
    expect(quotesOf(text).at(-1)?.speaker).toBe('Western diplomat');
  });

  it('a name after a lower-case description before the verb: "ministry spokesman Ahmed al-Mashhadani told"', () => {
    const qs = quotesOf('Families arrive at the centre [Getty/archive]\n\n"This is the eighteenth convoy since we started," ministry spokesman Ahmed Faisal al-Mashhadani told The New Arab.');
    expect(qs.map((q) => q.speaker)).toEqual(['Ahmed Faisal al-Mashhadani']);
  });

  it('titles before a name, a relative clause before the verb, and a second verb sharing the subject', () => {
    const qs = quotesOf(
      'National Security Adviser Qassem al-Araji, who oversees the file, has described the camp as "a ticking time bomb" for the region.\n\nCol. Wayne Marotto described the meeting as "great" and said the Syrian leader "has a real shot at holding the country together."',
    );
    expect(qs.map((q) => [q.speaker, q.text])).toEqual([
      ['Qasim al-Araji', 'a ticking time bomb'],
      ['Wayne Marotto', 'great'],
      ['Wayne Marotto', 'has a real shot at holding the country together.'],
    ]);
  });

  it('a headline labelled with a person\'s name gives them the quotation further on in it', () => {
    const qs = quotesOf('Ilham Ahmed: SDF integration deal ‘is not a surrender, it is a contract’\n\nThe agreement was signed in March.');
    expect(qs.map((q) => [q.speaker, q.text])).toEqual([['Ilham Ahmed', 'is not a surrender, it is a contract']]);
    // A label that is no person's name attributes nothing.
    expect(quotesOf('Analysis: SDF integration deal ‘is not a surrender, it is a contract’').map((q) => q.speaker)).toEqual([null]);
  });

  it('"As one Iraqi commander put it" frames the quotation that follows, by that unnamed source', () => {
    const qs = quotesOf('As one Iraqi commander put it to me in Anbar last spring, "We can find them. We can fight them."');
    expect(qs.map((q) => q.speaker)).toEqual(['Iraqi commander']);
    expect(quotesOf('Col. Wayne Marotto said the army put it under control within hours.').map((q) => q.text)).toEqual(['the army put it under control within hours']);
  });

  it('a short reply right after the speaker\'s quotation continues it: “No,” he said. “Not yet.”', () => {
    const qs = quotesOf('Asked whether governments were doing enough, Gen. Michael Kurilla paused. “No,” he said. “Not yet.”');
    expect(qs.map((q) => [q.text, q.speaker])).toEqual([
      ['No,', 'Michael Erik Kurilla'],
      ['Not yet.', 'Michael Erik Kurilla'],
    ]);
    // Scare quotes with no speaker nearby stay out.
    expect(quotesOf('The camp is a “ticking bomb.” Aid groups left.')).toEqual([]);
  });

  it('keeps a speaker\'s short words for something after a describing verb: called the camp a “breeding ground”', () => {
    const [q] = quotesOf('Col. Wayne Marotto called the camp a “breeding ground” for the next generation of ISIS.');
    expect(brief(q)).toEqual({ kind: 'partial', speaker: 'Wayne Marotto', text: 'breeding ground' });
  });

  it('reads "said" followed by a clause with no "that" when a finite verb follows its subject', () => {
    const qs = quotesOf('Camp official Rojin Sheikho said security had improved since the sweep. Col. Wayne Marotto said two of the cells had been dismantled in March.');
    expect(qs.map((q) => [q.kind, q.speaker, q.text])).toEqual([
      ['indirect', 'Rojin Sheikho', 'security had improved since the sweep'],
      ['indirect', 'Wayne Marotto', 'two of the cells had been dismantled in March'],
    ]);
    // Not clauses: a phrase about the saying, and words with no finite verb ("IS" is not "is").
    expect(quotesOf('Col. Wayne Marotto said on Tuesday in a statement to reporters in Baghdad.')).toEqual([]);
    expect(quotesOf('Forces finished a sweep that Col. Wayne Marotto said netted dozens of IS operatives.')).toEqual([]);
  });

  it('reads reported speech before its frame: a name with a suffix, a hearer, a dateline, an appositive', () => {
    const qs = quotesOf(
      'ERBIL, Kurdistan Region – The coalition will stay in Iraq, coalition spokesman Col. Myles Caggins III told Rudaw last week.\n\nThe mission has nonetheless evolved, Col. Wayne Marotto, spokesman of the coalition, explained last month.',
    );
    expect(qs.map((q) => [q.kind, q.speaker, q.text])).toEqual([
      ['indirect', 'Myles B. Caggins III', 'The coalition will stay in Iraq'],
      ['indirect', 'Wayne Marotto', 'The mission has nonetheless evolved'],
    ]);
  });

  it('a surname opening a sentence names the person the article named in full, even after a quotation', () => {
    const qs = quotesOf('"We are not guarding prisons," Farhad Shami, the head of the media center, told New Lines by phone from Hasakah. Shami said at least two escape attempts had been foiled since January.');
    expect(qs.map((q) => [q.kind, q.speaker, q.text])).toEqual([
      ['direct', 'Farhad Shami', 'We are not guarding prisons,'],
      ['indirect', 'Farhad Shami', 'at least two escape attempts had been foiled since January'],
    ]);
  });

  it('a second clause by the same speaker: "said A, and warned that B"; a hearer in lower case', () => {
    const qs = quotesOf('Col. Wayne Marotto said the camp was calmer this year, and warned that cells in the desert were watching the front lines. Abu Hudhayfa told followers that the crusaders were tired.');
    expect(qs.map((q) => q.text)).toEqual(['the camp was calmer this year', 'cells in the desert were watching the front lines', 'the crusaders were tired']);
  });

  it('reported speech around a frame with a participle, an adverbial before "that", and "she said, and added that"', () => {
    const qs = quotesOf(
      'The U.S. has about 900 troops in Syria, Pentagon press secretary Maj. Gen. Pat Ryder said earlier this week, adding that talks with Baghdad were continuing.\n\nFarhad Shami said by text message that the operation had been planned jointly.\n\nIlham Ahmed met the delegation. "The women are less afraid," she said, and added that the administration will open two new schools.',
    );
    expect(qs.filter((q) => q.kind === 'indirect').map((q) => [q.speaker, q.text])).toEqual([
      ['Pat Ryder', 'The U.S. has about 900 troops in Syria'],
      ['Pat Ryder', 'talks with Baghdad were continuing'],
      ['Farhad Shami', 'the operation had been planned jointly'],
      ['Ilham Ahmed', 'the administration will open two new schools'],
    ]);
  });

  it('an unnamed aid worker who asked not to be named is a source', () => {
    const [q] = quotesOf('An aid worker with an international organisation, who asked not to be named, said many of the children had never been to a school.');
    expect(brief(q)).toEqual({ kind: 'indirect', speaker: 'aid worker', text: 'many of the children had never been to a school' });
  });

  it('reports requests (urged X to …, called on X to …) and opinions before a clause (believes the deal could …)', () => {
    const qs = quotesOf(
      'Col. Wayne Marotto urged countries to take back their citizens held in the camp. Farhad Shami called on the coalition to help prevent an IS resurgence in the desert. Farhad Shami believes the March agreement could cut both ways.',
    );
    expect(qs.map((q) => [q.speaker, q.text])).toEqual([
      ['Wayne Marotto', 'countries to take back their citizens held in the camp'],
      ['Farhad Shami', 'the coalition to help prevent an IS resurgence in the desert'],
      ['Farhad Shami', 'the March agreement could cut both ways'],
    ]);
    // Not requests: a source's condition, naming something.
    expect(quotesOf('An aid worker, who asked not to be named, left the camp. Col. Wayne Marotto called the camp a prison for the next generation.')).toEqual([]);
  });

  it('gives the answer to the person who was asked', () => {
    const text = 'Col. Wayne Marotto left early. I asked Jihan Hanan whether the camp would close. "I hope not," she said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Jihan Hanan']);
  });

  it('resolves a role description through the name the article gives it', () => {
    const text =
      'The coalition spokesman, Myles Kagens, spoke at the base.\n\nAsked about the future, the spokesman of the international coalition said: "We will stay with our partners."';
    const qs = quotesOf(text);
    expect(qs.at(-1)?.speaker).toBe('Myles B. Caggins III');
  });

  it('marks a quoted fragment inside reported speech as partial', () => {
    const [q] = quotesOf('LaCamera went on saying that ISIS "have made calculated decisions to preserve what is left."');
    expect(q.kind).toBe('partial');
    expect(q.speaker).toBe('Paul LaCamera');
  });

  it('finds reported speech without quote marks', () => {
    const qs = quotesOf('Col. Wayne Maroto added that the coalition would keep supporting its partners in the area.');
    expect(qs.map(brief)).toEqual([{ kind: 'indirect', speaker: 'Wayne Marotto', text: 'the coalition would keep supporting its partners in the area' }]);
  });

  it('reads "told X" followed directly by the reported clause', () => {
    expect(quotesOf('Caggins told Reuters the coalition would stay in Iraq as long as it was invited.').map(brief)).toEqual([
      { kind: 'indirect', speaker: 'Myles B. Caggins III', text: 'the coalition would stay in Iraq as long as it was invited' },
    ]);
  });

  it('reads a frame placed after the clause ("…, he said.") and "according to"', () => {
    const qs = quotesOf('Kino Gabriel met the tribes. The talks had gone well, he said on Monday.\n\nAccording to Kino Gabriel, the camps will be emptied within a year.');
    expect(qs.map((q) => [q.kind, q.speaker, q.text])).toEqual([
      ['indirect', 'Kino Gabriel', 'The talks had gone well'],
      ['indirect', 'Kino Gabriel', 'the camps will be emptied within a year'],
    ]);
  });

  it('reads a byline after a dash and an introductory phrase before the speaker', () => {
    expect(quotesOf('"We will not allow ISIS to return." — Col. Wayne Marotto, coalition spokesman').map(brief)).toEqual([
      { kind: 'direct', speaker: 'Wayne Marotto', text: 'We will not allow ISIS to return.' },
    ]);
    expect(quotesOf('In a statement on Tuesday, Iraqi Prime Minister Mohammed Shia al-Sudani said the coalition mission would end by September 2025.').map(brief)).toEqual([
      { kind: 'indirect', speaker: 'Mohammed Shia al-Sudani', text: 'the coalition mission would end by September 2025' },
    ]);
  });

  it('reads headline attributions with a colon', () => {
    const qs = quotesOf("Fidan: 'We will not allow the PKK to hide behind the fight against IS'\n\n'The soldiers left in the night': Deir ez-Zor resident\n");
    expect(qs.map((q) => [q.speaker, q.text])).toEqual([
      ['Hakan Fidan', 'We will not allow the PKK to hide behind the fight against IS'],
      ['Deir ez-Zor resident', 'The soldiers left in the night'],
    ]);
  });

  it('attributes a fragment after "called X" to whoever called it that', () => {
    const [q] = quotesOf('Brett McGurk, the former envoy, once called the coalition "the most successful counterterrorism partnership in history," and he meant it.');
    expect([q.kind, q.speaker]).toEqual(['partial', 'Brett McGurk']);
  });

  it('skips scare quotes and quoted names or terms', () => {
    const qs = quotesOf('The coalition will pursue the remnants of "ISIS" and what the group calls its "caliphate" across the border.');
    expect(qs).toEqual([]);
  });

  it("drops a body's statement quoted after the fact (\"…,\" the statement said)", () => {
    expect(quotesOf('"The camps remain a threat to the whole region," the statement said.')).toEqual([]);
  });

  it('makes an unknown speaker a new, learned speaker instead of forcing a known one', () => {
    const registry = freshRegistry();
    const [q] = quotesOf('"We need water and schools before anything else," said Ahmed Hassan, the mayor of the town.', registry);
    expect(q.speaker).toBe('Ahmed Hassan');
    expect(registry.get(q.speakerId!)?.learned).toBe(true);
  });

  it('remembers a new spelling of a known speaker', () => {
    const registry = freshRegistry();
    quotesOf('"We will defeat ISIS," said Keno Kabriel, the SDF spokesman.', registry);
    expect(registry.get('kino-gabriel')?.aliases.en).toContain('Keno Kabriel');
  });

  it('never turns a town into a person even when a known name contains it', () => {
    // "Mazloum Kobani" is an alias of Mazloum Abdi; the town of Kobani is not him.
    const qs = quotesOf('Kobani said it would reopen the crossing next week, according to a statement from the council.');
    expect(qs.every((q) => q.speaker !== 'Mazloum Abdi')).toBe(true);
  });

  it('keeps nicknames inside names', () => {
    const [q] = quotesOf('"ISIS is still a threat to this region," said General Michael "Erik" Kurilla, the head of CENTCOM.');
    expect(q.speakerId).toBe('michael-kurilla');
    expect(q.text).toBe('ISIS is still a threat to this region,');
  });

  it('shows an unnamed source by its description and refers back to it', () => {
    const qs = quotesOf('A senior Iraqi security official said the attackers had crossed from Syria overnight. "They used the valleys," the official said.');
    expect(qs.map((q) => [q.kind, q.speaker, q.speakerId])).toEqual([
      ['indirect', 'senior Iraqi security official', null],
      ['direct', 'senior Iraqi security official', null],
    ]);
  });
});

describe('extractQuotes: Arabic frames', () => {
  it('reads an implied subject as the last person named', () => {
    const text = 'وخلال المؤتمر أشاد الجنرال كيفين كوبسي بجهود قوات سوريا الديمقراطية، وأكد أن “المهمة لم تنتهِ”.\n\nوشدد على أن القرار “لا يعني انسحاباً من سوريا.”';
    const qs = quotesOf(text);
    expect(qs.map((q) => [q.kind, q.speaker])).toEqual([
      ['partial', 'Kevin Copsey'],
      ['partial', 'Kevin Copsey'],
    ]);
  });

  it('reads a feminine verb as the last woman named', () => {
    const text = 'التقت الرئيسة المشتركة إلهام أحمد بالوفد. وقال العقيد واين ماروتو إن التحالف باق.\n\nوأضافت أن “الدول يجب أن تستعيد مواطنيها من المخيمات”.';
    expect(quotesOf(text).at(-1)?.speaker).toBe('Ilham Ahmed');
  });

  it('treats وأضاف “كوبسي” after another speaker as a new speaker, not a quotation', () => {
    const text = 'وقال المتحدث باسم التحالف الدولي واين ماروتو إن “المهمة مستمرة حتى هزيمة داعش”.\n\nوأضاف “كوبسي” أن “التحالف ملتزم بدعم شركائه في قسد”.';
    expect(quotesOf(text).map((q) => [q.speaker, q.text])).toEqual([
      ['Wayne Marotto', 'المهمة مستمرة حتى هزيمة داعش'],
      ['Kevin Copsey', 'التحالف ملتزم بدعم شركائه في قسد'],
    ]);
  });

  it('finds reported speech after قال X، إن', () => {
    const [q] = quotesOf('وفيما يخص الملف الإيراني، قال كوبسي، إن مهمتهم تنحصر في محاربة داعش وتقديم الدعم لقوات سوريا الديمقراطية.');
    expect(brief(q)).toEqual({ kind: 'indirect', speaker: 'Kevin Copsey', text: 'مهمتهم تنحصر في محاربة داعش وتقديم الدعم لقوات سوريا الديمقراطية' });
  });

  it('reads a quotation before its verb: «…»، قال X', () => {
    const [q] = quotesOf('«لن نسمح بعودة داعش»، قال القائد العام لقوات سوريا الديمقراطية مظلوم عبدي.');
    expect(brief(q)).toEqual({ kind: 'direct', speaker: 'Mazloum Abdi', text: 'لن نسمح بعودة داعش' });
  });

  it('names an unnamed source by its whole description, adjectives included, and "the source" refers back to it', () => {
    const text = 'أفاد مصدر أمني في محافظة ديالى بأن ثلاثة من المنتسبين قتلوا.\n\nوقال المصدر إن "المجموعة هاجمت النقطة بالأسلحة الخفيفة".\n\nوقال مسؤول عسكري أميركي إن "القوات باقية في شمال شرقي سوريا".';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['مصدر أمني', 'مصدر أمني', 'مسؤول عسكري أميركي']);
    expect(quotesOf('وقال مصدر حكومي مطلع إن "اللجنة العسكرية العليا ستجتمع الشهر المقبل".').map((q) => q.speaker)).toEqual(['مصدر حكومي مطلع']);
  });

  it('gives a participle after a VSO clause to the subject after the verb, and reports the quotation once', () => {
    const text = 'في المقابل، طالب النائب مهدي عبد الكريم التميمي الحكومة بالإسراع في إخراج القوات، معتبراً أن "بقاء أي جندي أجنبي هو احتلال صريح".';
    expect(quotesOf(text).map((q) => [q.kind, q.speaker])).toEqual([
      ['indirect', 'مهدي عبد الكريم التميمي'],
      ['partial', 'مهدي عبد الكريم التميمي'],
    ]);
  });

  it('a description set off before a name (عضو اللجنة، حسن فالح الشمري،) gives the participle to the name', () => {
    const text = 'أكد عضو لجنة الأمن والدفاع النيابية، حسن فالح الشمري، اليوم الاثنين، أن القوات باتت قادرة على مسك الملف، مبيناً أن "ما تبقى من فلول داعش لا يتجاوز بضع مئات".';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['حسن فالح الشمري', 'حسن فالح الشمري']);
  });

  it('reads compound given names and family names with the article after a title', () => {
    const text = 'قال الشيخ عبد الله الحمادة أحد وجهاء عشيرة البكير لمراسل سانا: "أبناء العشائر لم يعودوا يقبلون بالظلم".';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['عبد الله الحمادة']);
  });

  it('reads a name after a description noun and stops before the medium (الباحث السوري رضوان الأحمد للجزيرة نت)', () => {
    const text = '"اتفاق دمج قسد في مؤسسات الدولة هو الحل الأقل كلفة للجميع"، يقول الباحث السوري رضوان الأحمد للجزيرة نت.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['رضوان الأحمد']);
  });

  it('finds the subject past a preposition in its description, with علي as a middle name, and a family name after a verb', () => {
    const text =
      'وقال النائب عن «الحزب الديمقراطي الكردستاني» في البرلمان العراقي كاروان علي حمه لـ«الشرق الأوسط» إن «وجود التحالف في الإقليم ضرورة وليس ترفاً».\n\nوطالب حمه الحكومة بتوفير فرص عمل للشباب، قائلاً: "الشاب العاطل عن العمل هو هدف سهل للمرتزقة".';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['كاروان علي حمه', 'كاروان علي حمه', 'كاروان علي حمه']);
  });

  it('participles: after a clause that is not speech, "مشيراً إلى أن «…»", and a body named only as an object', () => {
    const text =
      'جدد وزير الخارجية التركي هاكان فيدان تحذيره لـ"وحدات حماية الشعب" الكردية، مؤكدا أن أنقرة لن تقبل بوجود أي كيان مسلح على حدودها.\n\nوأضاف أن بلاده مستعدة لمساعدة الحكومة السورية في إدارة السجون، مشيرا إلى أن "الذريعة التي يستخدمها البعض لم تعد قائمة".';
    expect(quotesOf(text).map((q) => [q.kind, q.speaker, q.text])).toEqual([
      ['indirect', 'Hakan Fidan', 'أنقرة لن تقبل بوجود أي كيان مسلح على حدودها'],
      ['indirect', 'Hakan Fidan', 'بلاده مستعدة لمساعدة الحكومة السورية في إدارة السجون'],
      ['partial', 'Hakan Fidan', 'الذريعة التي يستخدمها البعض لم تعد قائمة'],
    ]);
  });

  it('reports requests: ودعا X الحكومة إلى …، طالب X الجهات بـ …', () => {
    const text = 'ودعا النائب مهند عباس الخزرجي الحكومة إلى توفير طائرات مسيرة حديثة للقطعات الماسكة للأرض.\n\nوطالب الخزرجي وزارة الدفاع بتعزيز القطعات في حمرين، مضيفاً أن "الخلايا تتحرك ليلاً".';
    expect(quotesOf(text).map((q) => [q.kind, q.speaker, q.text])).toEqual([
      ['indirect', 'مهند عباس الخزرجي', 'الحكومة إلى توفير طائرات مسيرة حديثة للقطعات الماسكة للأرض'],
      ['indirect', 'مهند عباس الخزرجي', 'وزارة الدفاع بتعزيز القطعات في حمرين'],
      ['partial', 'مهند عباس الخزرجي', 'الخلايا تتحرك ليلاً'],
    ]);
  });

  it('reads a name part compounded with الله after a title (عبد الأمير يار الله)', () => {
    const text = 'وقال رئيس أركان الجيش الفريق أول الركن عبد الأمير يار الله إن "داعش انتهى عسكرياً لكن الحذر واجب".';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Abdul Amir Yarallah']);
  });

  it('reads a family name compounded with the article (سامر العبد الله) and stops before the outlet', () => {
    const text = 'وقال الناشط سامر العبد الله لعنب بلدي إن "غياب الشفافية يفتح الباب أمام الشائعات".';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['سامر العبد الله']);
  });

  it('finds the speaker of a quotation before its verb past a description with a quoted name in it', () => {
    const text = '«واشنطن تريد أن تخرج من سوريا من دون أن تترك خلفها فوضى»، يقول الباحث في مركز «جسور» للدراسات وائل الحسن.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['وائل الحسن']);
  });

  it('follows the speaker within a sentence, a family name standing alone, and leaves the medium spoken to out', () => {
    const text =
      'وقال الأمين العام قيس الخزعلي، في كلمة متلفزة، إن "المقاومة أعطت الحكومة فرصة كافية"، مضيفاً أن "صبر الفصائل ليس بلا نهاية".\n\nورأى عضو لجنة الأمن والدفاع، رعد حسين المكصوصي، أن الهجوم "رسالة سياسية أكثر منها عسكرية"، وأوضح لـ"العربي الجديد" أن "توقيته ليس صدفة".\n\n«الحكومة أمام معادلة صعبة مع الفصائل»، يقول المكصوصي.';
    expect(quotesOf(text).map((q) => [q.speaker, q.text])).toEqual([
      ['Qais al-Khazali', 'المقاومة أعطت الحكومة فرصة كافية'],
      ['Qais al-Khazali', 'صبر الفصائل ليس بلا نهاية'],
      ['رعد حسين المكصوصي', 'رسالة سياسية أكثر منها عسكرية'],
      ['رعد حسين المكصوصي', 'توقيته ليس صدفة'],
      ['رعد حسين المكصوصي', 'الحكومة أمام معادلة صعبة مع الفصائل'],
    ]);
  });

  it('does not read a person in the tail of a place (عين الأسد) or across a line break', () => {
    const qs = quotesOf('قصفت صواريخ قاعدة عين الأسد\nالفصائل\n\nوقال مصدر أمني إن "الصواريخ أطلقت من منطقة صحراوية قرب القاعدة".');
    expect(qs.map((q) => q.speaker)).toEqual(['مصدر أمني']);
  });

  it('keeps a quoted term such as "داعش" out of the quotes', () => {
    expect(quotesOf('وتواصل القوات ملاحقة خلايا "داعش" في البادية.')).toEqual([]);
  });
});

describe('extractQuotes: interviews', () => {
  it('reads briefing transcripts with speaker labels', () => {
    const text = 'MAJOR GENERAL PAT RYDER: Good afternoon, everyone. I will take your questions.\n\nQ: Thanks, General. Marisa Quinlan, Defense Watch. Was Baghdad told before the strike?\n\nGEN. RYDER: We are not going to get into our diplomatic communications.\n';
    expect(quotesOf(text).map((q) => [q.speaker, q.text.slice(0, 20)])).toEqual([
      ['Pat Ryder', 'Good afternoon, ever'],
      ['Marisa Quinlan', 'Thanks, General. Mar'],
      ['Pat Ryder', 'We are not going to '],
    ]);
  });

  it('attributes the answers of a printed interview to the person interviewed', () => {
    const text = 'أجرت الوكالة حواراً مع فرهاد شامي، وفيما يلي نص الحوار:\n\n* كيف تقيّمون نشاط خلايا داعش؟\n\nشهدنا تصاعداً ملحوظاً في تحركات الخلايا في ريف دير الزور الشرقي.\n\n* وماذا عن التنسيق مع التحالف؟\n\nالتنسيق مستمر وعلى أعلى المستويات مع قوات التحالف الدولي.\n';
    expect(quotesOf(text).map((q) => [q.kind, q.speaker])).toEqual([
      ['direct', 'Farhad Shami'],
      ['direct', 'Farhad Shami'],
    ]);
  });

  it('reads interviews whose turns are labelled in ordinary case or in Arabic, answers only', () => {
    const en =
      'Ilham Ahmed spoke to Al-Monitor by phone.\n\nAl-Monitor:  What does the deal mean?\n\nAhmed:  It means that Syria is going to be decided by Syrians.\n\nThat is the whole point of sitting at one table together.\n\nAl-Monitor:  Will the SDF disarm?\n\nAhmed:  Not before there is a constitution that protects everyone.\n\nAhmed, who returned to Qamishli on Thursday, said talks would resume.\n';
    expect(quotesOf(en).filter((q) => q.kind === 'direct').map((q) => [q.speaker, q.text.slice(0, 24)])).toEqual([
      ['Ilham Ahmed', 'It means that Syria is g'],
      ['Ilham Ahmed', 'That is the whole point '],
      ['Ilham Ahmed', 'Not before there is a co'],
    ]);
    const ar =
      'التقت رووداو الفريق جبار ياور.\n\nرووداو: كيف تقرأون الاتفاق؟\n\nجبار ياور: الاتفاق له مرحلتان والمرحلة الأولى تنتهي في أيلول.\n\nرووداو: هل البيشمركة قادرة على ملء الفراغ؟\n\nجبار ياور: البيشمركة قاتلت داعش على جبهة طولها أكثر من ألف كيلومتر.\n\nيُذكر أن التحالف الدولي تأسس في أيلول 2014 لمحاربة التنظيم.\n';
    expect(quotesOf(ar).map((q) => [q.kind, q.speaker])).toEqual([
      ['direct', 'Jabar Yawar'],
      ['direct', 'Jabar Yawar'],
    ]);
  });

  it('a headline or a note with a colon is not an interview', () => {
    expect(quotesOf('Update: the camp reopened.\n\nNote: figures are provisional.\n')).toEqual([]);
  });
});

describe('extractQuotes: offsets', () => {
  it('every quote is exactly the text at its offsets', () => {
    const text = 'Intro line.\n\n“First quote here,” he said. Kagens said the war was not over.\n\nقال كوبسي :”تم إنجاز مهمتنا”.';
    for (const q of quotesOf(text)) expect(text.slice(q.start, q.end)).toBe(q.text);
  });
});
