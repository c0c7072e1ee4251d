import type { CatalogTopics, FlowStep, FormField, GuideData, MaterialSpec, NewServiceItem } from '../../modules/catalog/index.js';
import type { FaceFieldSpec } from '../../modules/licences/index.js';
import type { LocalText } from '../../db/types.js';
import type { ThemeInput } from '../../modules/catalog/index.js';

/** Demo service items for a city node (兰州市). Realistic, but not an official catalogue. */
const t = (zh: string, en: string): LocalText => ({ zh, en });
const MB = 1024 * 1024;
const pdfImg: MaterialSpec['accept'] = ['pdf', 'png', 'jpg'];

/** 居民身份证电子证照 in the e-certificate library: a demo type code under the public security authority's credit code. */
const residentIdCardType = '11100000000019200N001';

/**
 * The applicant's ID card, read from the e-certificate library (免提交): the applicant, already
 * identified against the population registry, uploads nothing, and the apply page does not ask.
 */
const idCardFromLibrary: MaterialSpec = {
  code: 'M01',
  name: t('申请人身份证明', 'Applicant’s identity document'),
  required: true,
  description: t('由系统从电子证照库调取居民身份证电子证照，申请人无需上传。', 'Read by the system from the e-certificate library (resident ID e-certificate): nothing to upload.'),
  // Not asked for; a scan a window clerk or the applicant attaches anyway (the library unreachable, say) is still taken.
  accept: pdfImg,
  maxBytes: 5 * MB,
  source: 'licence',
  licenceTypeCode: residentIdCardType,
  form: 'electronic',
  medium: 'electronic',
};

/** A scan or photo the applicant uploads. */
const uploaded = (m: Omit<MaterialSpec, 'source' | 'form' | 'medium'> & Partial<MaterialSpec>): MaterialSpec => ({ source: 'applicant', form: 'electronic', medium: 'electronic', ...m });

/** Elements every demo guide shares: a municipal body exercising its own power, limits in working days, the city's channels. */
const common = (code: string) =>
  ({
    exerciseLevel: '3',
    powerSource: 'statutory',
    legalLimitUnit: 'working_days',
    promisedLimitUnit: 'working_days',
    // The item is applied for on this platform: the address is its entry in the portal.
    onlineUrl: `/?q=${code}`,
    consultAddress: t('兰州市政务服务中心一楼咨询台（城关区北滨河中路 996 号）', 'Enquiry desk, ground floor, Lanzhou Government Service Centre, 996 Beibinhe Middle Rd'),
    complaintAddress: t('兰州市政务服务中心一楼“办不成事”反映窗口；或拨打 12345 政务服务便民热线', '“Could not get it done” desk, ground floor, Lanzhou Government Service Centre; or the 12345 government hotline'),
  }) satisfies Partial<GuideData>;

const standardPlace = (dept: string, deptEn: string) => ({
  place: t(`兰州市政务服务中心（城关区北滨河中路 996 号）一楼综合窗口，${dept}`, `Lanzhou Government Service Centre, 996 Beibinhe Middle Rd, ground-floor one-stop window, ${deptEn}`),
  hours: t('周一至周五 9:00–12:00，13:30–17:30（法定节假日除外，调休上班日正常办公）', 'Mon–Fri 9:00–12:00, 13:30–17:30 (closed on public holidays; open on make-up working days)'),
});

export type DemoItem = {
  code: string;
  dept: 'SCJG' | 'GA' | 'MZ';
  itemType: NewServiceItem['itemType'];
  name: LocalText;
  legalLimitDays: number;
  promisedLimitDays: number;
  onlineDepth: number[];
  minLevel: number;
  applicantKinds?: ('person' | 'entity')[];
  licenceTypeCode: string | null;
  guide: GuideData;
  materials: MaterialSpec[];
  fields: FormField[];
  /** The approval flow (none: one approval step by the department). */
  flow?: FlowStep[];
};

export type DemoLicenceType = { code: string; dept: 'SCJG' | 'GA' | 'MZ'; name: LocalText; validityYears: number | null; faceFields: FaceFieldSpec[] };

// Type codes per GB/T 36904: the defining (national) authority's credit code + a 3-digit sequence.
// Market regulation's code is the one in the published sample identifiers (STANDARDS.md); the other
// two are demo codes whose GB 32100 check character is right (src/db/seed.test.ts checks every one).
const samrCode = '11100000000013338W';
const mcaCode = '111000000000183886';
const mpsCode = '11100000000019200N';
export const demoLicenceTypeCodes = {
  individualBusiness: `${samrCode}011`,
  foodBusiness: `${samrCode}032`,
  marriage: `${mcaCode}009`,
  residencePermit: `${mpsCode}021`,
  noCriminalRecord: `${mpsCode}044`,
} as const;

export const demoLicenceTypes: DemoLicenceType[] = [
  {
    code: demoLicenceTypeCodes.individualBusiness,
    dept: 'SCJG',
    name: t('个体工商户营业执照', 'Business licence (individual business)'),
    validityYears: null,
    faceFields: [
      { key: 'tradeName', label: t('名称', 'Trade name'), source: 'form.tradeName' },
      { key: 'operator', label: t('经营者', 'Operator'), source: 'applicant.name' },
      { key: 'form', label: t('组成形式', 'Form'), source: 'form.organisation' },
      { key: 'scope', label: t('经营范围', 'Business scope'), source: 'form.scope' },
      { key: 'address', label: t('经营场所', 'Premises'), source: 'form.address' },
      { key: 'caseNo', label: t('登记办件号', 'Case number'), source: 'case.caseNo' },
    ],
  },
  {
    code: demoLicenceTypeCodes.foodBusiness,
    dept: 'SCJG',
    name: t('食品经营许可证', 'Food business licence'),
    validityYears: 5,
    faceFields: [
      { key: 'operatorName', label: t('经营者名称', 'Operator name'), source: 'form.operatorName' },
      { key: 'legalRep', label: t('法定代表人（负责人）', 'Legal representative'), source: 'applicant.name' },
      { key: 'address', label: t('经营场所', 'Premises'), source: 'form.address' },
      { key: 'category', label: t('主体业态', 'Business category'), source: 'form.category' },
      { key: 'items', label: t('经营项目', 'Business items'), source: 'form.items' },
    ],
  },
  {
    code: demoLicenceTypeCodes.marriage,
    dept: 'MZ',
    name: t('结婚证', 'Marriage certificate'),
    validityYears: null,
    faceFields: [
      { key: 'holder', label: t('持证人', 'Holder'), source: 'applicant.name' },
      { key: 'spouse', label: t('配偶姓名', 'Spouse'), source: 'form.spouseName' },
      { key: 'date', label: t('登记日期', 'Registration date'), source: 'form.registrationDate' },
      { key: 'office', label: t('登记机关', 'Registry'), source: 'issuer.name' },
    ],
  },
  {
    code: demoLicenceTypeCodes.residencePermit,
    dept: 'GA',
    name: t('居住证', 'Residence permit'),
    validityYears: 1,
    faceFields: [
      { key: 'name', label: t('姓名', 'Name'), source: 'applicant.name' },
      { key: 'idNumber', label: t('公民身份号码', 'ID number'), source: 'applicant.idNumber' },
      { key: 'address', label: t('居住地址', 'Residential address'), source: 'form.address' },
      { key: 'issuer', label: t('签发机关', 'Issued by'), source: 'issuer.name' },
    ],
  },
  {
    code: demoLicenceTypeCodes.noCriminalRecord,
    dept: 'GA',
    name: t('无犯罪记录证明', 'Certificate of no criminal record'),
    validityYears: 1,
    faceFields: [
      { key: 'name', label: t('姓名', 'Name'), source: 'applicant.name' },
      { key: 'idNumber', label: t('公民身份号码', 'ID number'), source: 'applicant.idNumber' },
      { key: 'purpose', label: t('用途', 'Purpose'), source: 'form.purpose' },
      { key: 'caseNo', label: t('编号', 'Number'), source: 'case.caseNo' },
    ],
  },
];

export const demoItems: DemoItem[] = [
  {
    code: '000101001000',
    dept: 'SCJG',
    itemType: '01',
    name: t('个体工商户设立登记', 'Registration of an individual business'),
    // 《市场主体登记管理条例》第十九条: 3 working days, 3 more when complex.
    legalLimitDays: 6,
    promisedLimitDays: 3,
    onlineDepth: [1, 2, 3, 4, 5, 6, 7],
    minLevel: 2,
    licenceTypeCode: demoLicenceTypeCodes.individualBusiness,
    guide: {
      ...common('000101001000'),
      legalBasis: [
        {
          name: t('《促进个体工商户发展条例》（国务院令第755号）', 'Regulation on Promoting the Development of Individual Businesses (State Council Decree No. 755)'),
          article: t('第二条', 'Art. 2'),
          text: t('有经营能力的公民在中华人民共和国境内从事工商业经营，依照《中华人民共和国市场主体登记管理条例》登记为个体工商户的，适用本条例。', 'Citizens able to run a business who engage in industry or commerce in the PRC and register as individual businesses under the Regulation on the Registration of Market Entities are governed by this Regulation.'),
        },
        {
          name: t('《中华人民共和国市场主体登记管理条例》（国务院令第746号）', 'Regulation of the PRC on the Registration of Market Entities (State Council Decree No. 746)'),
          article: t('第三条', 'Art. 3'),
          text: t('市场主体应当依照本条例办理登记。未经登记，不得以市场主体名义从事经营活动。', 'Market entities register under this Regulation. Without registration, no one may do business as a market entity.'),
        },
        {
          name: t('《中华人民共和国市场主体登记管理条例》（国务院令第746号）', 'Regulation of the PRC on the Registration of Market Entities (State Council Decree No. 746)'),
          article: t('第十九条', 'Art. 19'),
          text: t('登记机关对申请材料齐全、符合法定形式的予以确认并当场登记。不能当场登记的，应当在3个工作日内予以登记；情形复杂的，经登记机关负责人批准，可以再延长3个工作日。', 'Where the application is complete and in due form, the registry registers it on the spot; otherwise within 3 working days, extendable by 3 working days with the head of the registry’s approval when complex.'),
        },
      ],
      legalLimitNote: t('3 个工作日；情形复杂的，经登记机关负责人批准可再延长 3 个工作日。', '3 working days; 3 more with the registry head’s approval when the case is complex.'),
      promisedLimitNote: t('材料齐全、符合法定形式的，自受理之日起 3 个工作日内登记并发放电子营业执照。', 'Registered and the e-licence issued within 3 working days of intake when the application is complete.'),
      audience: t('有经营能力、从事工商业经营的自然人或家庭', 'Natural persons or families able to run a business'),
      conditions: [
        t('申请人具有经营能力，未被限制从事经营活动', 'The applicant is able to run a business and is not barred from it'),
        t('有符合规定的经营场所，名称不与他人重复', 'Has suitable premises and a name not already taken'),
      ],
      process: [t('网上申请或窗口提交', 'Apply online or at the window'), t('综合窗口受理', 'Intake at the one-stop window'), t('审核登记', 'Review and registration'), t('核发电子营业执照', 'Electronic business licence issued')],
      caseKind: 'promised',
      ...standardPlace('市场监管窗口', 'market regulation desk'),
      contactPhone: '0931-8451234',
      complaintPhone: '12345',
      visits: 0,
      fees: [],
      result: t('个体工商户营业执照（电子证照）', 'Business licence (e-certificate)'),
      resultType: 'licence',
      resultSampleUrl: '/guide-files/sample-individual-business-licence.html',
      crossRegion: 'inter_provincial',
      faq: [
        {
          question: t('个体工商户可以不起字号名称吗？', 'Must an individual business have a trade name?'),
          answer: t('可以。个体工商户可以使用名称，也可以不使用名称；使用名称的，名称中的行政区划、字号、行业和组织形式应符合名称登记管理的规定。', 'No. It may register with or without a trade name; a name, if used, follows the naming rules (region, trade name, industry, form).'),
        },
        {
          question: t('需要上传身份证吗？', 'Do I upload my ID card?'),
          answer: t('不需要。系统从电子证照库调取您的居民身份证电子证照。', 'No. The system reads your resident ID e-certificate from the e-certificate library.'),
        },
      ],
    },
    materials: [
      idCardFromLibrary,
      uploaded({ code: 'M02', name: t('经营场所使用证明', 'Proof of right to use the premises'), required: true, description: t('房产证明或租赁合同', 'Title deed or lease'), accept: pdfImg, maxBytes: 10 * MB }),
      uploaded({
        code: 'M03',
        name: t('个体工商户登记（备案）申请书', 'Application form for registering an individual business'),
        required: false,
        description: t('在线填写申请表的，无需另交；窗口办理的可下载空白表格填写，签字后上传。', 'Not needed when the online form is filled in; at the window, download the blank form, fill it in, sign it and upload it.'),
        accept: ['pdf'],
        maxBytes: 5 * MB,
        form: 'original',
        medium: 'both',
        copies: 1,
        blankFormUrl: '/guide-files/individual-business-application-blank.html',
        sampleUrl: '/guide-files/individual-business-application-sample.html',
      }),
    ],
    fields: [
      { name: 'tradeName', label: t('个体工商户名称', 'Trade name'), type: 'text', required: true, maxLength: 50, help: t('例：兰州城关区张记牛肉面馆', 'e.g. Zhang’s Beef Noodles, Chengguan') },
      { name: 'organisation', label: t('组成形式', 'Form'), type: 'select', required: true, options: [{ value: '个人经营', label: t('个人经营', 'Individual') }, { value: '家庭经营', label: t('家庭经营', 'Family') }] },
      { name: 'scope', label: t('经营范围', 'Business scope'), type: 'textarea', required: true, maxLength: 500 },
      { name: 'address', label: t('经营场所', 'Premises address'), type: 'text', required: true, maxLength: 120 },
      { name: 'capital', label: t('资金数额（万元）', 'Capital (10,000 CNY)'), type: 'number', required: false, min: 0, max: 100000 },
    ],
  },
  {
    code: '000101002000',
    applicantKinds: ['entity', 'person'],
    dept: 'SCJG',
    itemType: '01',
    name: t('食品经营许可', 'Food business licence'),
    legalLimitDays: 10,
    promisedLimitDays: 5,
    onlineDepth: [1, 2, 3, 4, 5, 6, 7],
    minLevel: 2,
    licenceTypeCode: demoLicenceTypeCodes.foodBusiness,
    guide: {
      ...common('000101002000'),
      legalBasis: [
        {
          name: t('《中华人民共和国食品安全法》', 'Food Safety Law of the PRC'),
          article: t('第三十五条', 'Art. 35'),
          text: t('国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。', 'The State licenses food production and trade. Producing food, selling food and providing catering require a licence.'),
        },
        {
          name: t('《中华人民共和国行政许可法》', 'Administrative Licensing Law of the PRC'),
          article: t('第四十五条', 'Art. 45'),
          text: t('行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在本节规定的期限内。', 'Time needed for hearings, tenders, auctions, inspection, testing, quarantine, appraisal and expert review is not counted in the limits of this section.'),
        },
        { name: t('《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）', 'Measures for Food Business Licensing and Filing (SAMR Order No. 78)') },
      ],
      legalLimitNote: t('自受理之日起 10 个工作日内作出决定；因特殊原因需要延长的，经负责人批准可延长 5 个工作日。', 'Decision within 10 working days of intake; 5 more with the head’s approval for special reasons.'),
      audience: t('在本市从事食品销售和餐饮服务的经营者', 'Operators selling food or providing catering in the city'),
      conditions: [
        t('具有与经营的食品品种、数量相适应的经营场所', 'Premises suited to the kinds and amounts of food'),
        t('有专职或者兼职的食品安全管理人员和保证食品安全的规章制度', 'Food-safety staff and rules in place'),
      ],
      process: [t('网上申请', 'Apply online'), t('受理', 'Intake'), t('材料审查与现场核查', 'Document review and on-site check'), t('作出许可决定', 'Decision'), t('发证', 'Licence issued')],
      caseKind: 'promised',
      ...standardPlace('市场监管窗口', 'market regulation desk'),
      contactPhone: '0931-8451235',
      complaintPhone: '12315',
      visits: 0,
      // 《行政许可法》第五十八条: licensing charges no fee.
      fees: [],
      result: t('食品经营许可证（电子证照）', 'Food business licence (e-certificate)'),
      resultType: 'licence',
      crossRegion: 'none',
      intermediaryServices: [{ name: t('食品经营场所布局设计咨询', 'Layout design advice for food premises'), required: false }],
      specialProcedures: [
        {
          kind: 'hearing',
          name: t('听证', 'Hearing'),
          limit: 20,
          unit: 'working_days',
          note: t('许可直接涉及申请人与他人之间重大利益关系的，申请人、利害关系人可在被告知听证权利之日起 5 日内申请听证，行政机关在 20 日内组织（《行政许可法》第四十七条）；所需时间不计入办理时限。', 'Where the licence bears on major interests between the applicant and others, they may ask for a hearing within 5 days of being told of the right; it is held within 20 days (Administrative Licensing Law art. 47). Not counted in the limit.'),
        },
      ],
    },
    materials: [
      idCardFromLibrary,
      uploaded({ code: 'M02', name: t('经营场所平面布局图', 'Floor plan of the premises'), required: true, description: t('标明操作流程与设备布局', 'Showing workflow and equipment'), accept: pdfImg, maxBytes: 10 * MB }),
      uploaded({ code: 'M03', name: t('食品安全管理制度文本', 'Food safety management rules'), required: true, description: t('加盖公章或签字', 'Signed or sealed'), accept: ['pdf'], maxBytes: 10 * MB }),
      uploaded({
        code: 'M04',
        name: t('食品经营许可申请书', 'Application for a food business licence'),
        required: false,
        description: t('在线填写申请表的，无需另交；窗口办理的可下载空白表格。', 'Not needed when the online form is filled in; at the window, use the blank form.'),
        accept: ['pdf'],
        maxBytes: 5 * MB,
        form: 'original',
        medium: 'both',
        copies: 1,
        blankFormUrl: '/guide-files/food-business-application-blank.html',
        sampleUrl: '/guide-files/food-business-application-sample.html',
      }),
    ],
    fields: [
      { name: 'operatorName', label: t('经营者名称', 'Operator name'), type: 'text', required: true, maxLength: 60 },
      { name: 'address', label: t('经营场所', 'Premises address'), type: 'text', required: true, maxLength: 120 },
      { name: 'category', label: t('主体业态', 'Business category'), type: 'select', required: true, options: [{ value: '食品销售经营者', label: t('食品销售经营者', 'Food retailer') }, { value: '餐饮服务经营者', label: t('餐饮服务经营者', 'Catering') }, { value: '单位食堂', label: t('单位食堂', 'Canteen') }] },
      { name: 'items', label: t('经营项目', 'Business items'), type: 'textarea', required: true, maxLength: 300 },
      { name: 'safetyManager', label: t('食品安全管理人员', 'Food safety manager'), type: 'text', required: true, maxLength: 30 },
    ],
    // 并联审批: market regulation reviews the premises and the application, health the food-safety
    // conditions, at the same time; the licence is issued when both agree.
    flow: [
      {
        parallel: {
          name: t('并联审查', 'Joint review'),
          tasks: [
            { department: null, role: 'approver', name: t('经营条件审查', 'Business conditions review'), mode: 'single' },
            { department: 'WJ', role: 'approver', name: t('卫生健康审查', 'Health review'), mode: 'single' },
          ],
        },
      },
    ],
  },
  {
    code: '000107003000',
    dept: 'MZ',
    itemType: '07',
    name: t('内地居民结婚登记', 'Marriage registration (mainland residents)'),
    legalLimitDays: 1,
    // 即办件: handled on the spot, so the promised limit is 0 days (GB/T 39554 consistency check).
    promisedLimitDays: 0,
    onlineDepth: [1, 2, 3],
    minLevel: 2,
    licenceTypeCode: demoLicenceTypeCodes.marriage,
    guide: {
      ...common('000107003000'),
      legalBasis: [
        {
          name: t('《中华人民共和国民法典》', 'Civil Code of the PRC'),
          article: t('第一千零四十九条', 'Art. 1049'),
          text: t('要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。符合本法规定的，予以登记，发给结婚证。完成结婚登记，即确立婚姻关系。', 'A man and a woman who wish to marry apply in person to the marriage registry. If they meet this Law’s conditions they are registered and given marriage certificates; registration establishes the marriage.'),
        },
        { name: t('《婚姻登记条例》（2025年修订）', 'Regulation on Marriage Registration (rev. 2025)'), article: t('第四条至第七条', 'Arts. 4–7') },
      ],
      legalLimitNote: t('符合结婚条件的，当场予以登记，发给结婚证。', 'Registered on the spot when the conditions are met.'),
      audience: t('要求结婚的男女双方', 'Couples who wish to marry'),
      conditions: [t('双方完全自愿，达到法定婚龄（男22周岁、女20周岁）', 'Both fully willing and of legal age (men 22, women 20)'), t('双方均无配偶，无禁止结婚的亲属关系', 'Neither is married; no prohibited kinship')],
      process: [t('网上预约并填报', 'Book and fill in online'), t('双方共同到场核验身份', 'Both appear in person for identity check'), t('签署声明并颁证', 'Sign declarations; certificate issued')],
      caseKind: 'immediate',
      ...standardPlace('民政婚姻登记窗口', 'civil affairs marriage desk'),
      contactPhone: '0931-8452001',
      complaintPhone: '12345',
      visits: 1,
      visitReason: t('《民法典》第一千零四十九条规定结婚双方应当亲自到婚姻登记机关申请，当场核验身份证件原件并签署声明。', 'Civil Code art. 1049: both apply in person at the registry, where their ID originals are checked and they sign the declarations.'),
      fees: [],
      result: t('结婚证（电子证照）', 'Marriage certificate (e-certificate)'),
      resultType: 'licence',
      // Since the 2025 revision, couples may register at any marriage registry in the country.
      crossRegion: 'national',
      faq: [
        { question: t('可以只有一方到场办理吗？', 'Can one of us register alone?'), answer: t('不可以。结婚登记须男女双方共同亲自到场。', 'No. Both must appear in person together.') },
        { question: t('还需要户口簿吗？', 'Do we still need the household register?'), answer: t('修订后的《婚姻登记条例》施行后，凭本人居民身份证即可在全国任一婚姻登记机关办理，无需户口簿。', 'Under the revised Regulation, the resident ID card suffices at any registry in the country; no household register is needed.') },
      ],
    },
    materials: [
      // Checked in the original at the registry (both in person): not one the platform can fetch.
      {
        code: 'M01',
        name: t('双方居民身份证', 'Both parties’ resident ID cards'),
        required: true,
        description: t('现场出示原件核验；网上预约时上传正反面照片用于预审。', 'Originals shown at the registry; photos of both sides uploaded for the online pre-check.'),
        accept: pdfImg,
        maxBytes: 5 * MB,
        source: 'applicant',
        form: 'original',
        medium: 'both',
        copies: 1,
      },
      {
        code: 'M02',
        name: t('本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明', 'Signed declaration of no spouse and no prohibited kinship'),
        required: true,
        description: t('现场签字或上传签字扫描件', 'Signed in person or scanned'),
        accept: pdfImg,
        maxBytes: 5 * MB,
        source: 'applicant',
        form: 'original',
        medium: 'both',
        copies: 1,
        blankFormUrl: '/guide-files/marriage-declaration-blank.html',
        sampleUrl: '/guide-files/marriage-declaration-sample.html',
      },
      uploaded({ code: 'M03', name: t('双方近期半身免冠合影照片', 'Recent joint photo'), required: true, description: t('2寸红底', '2-inch, red background'), accept: ['png', 'jpg'], maxBytes: 5 * MB }),
    ],
    fields: [
      { name: 'spouseName', label: t('对方姓名', 'Spouse’s name'), type: 'text', required: true, maxLength: 30 },
      { name: 'spouseIdNumber', label: t('对方公民身份号码', 'Spouse’s ID number'), type: 'idNumber', required: true },
      { name: 'registrationDate', label: t('预约登记日期', 'Booked registration date'), type: 'date', required: true },
    ],
  },
  {
    code: '000120004000',
    dept: 'GA',
    itemType: '20',
    name: t('居住证申领', 'Residence permit application'),
    legalLimitDays: 15,
    promisedLimitDays: 10,
    onlineDepth: [1, 2, 3, 4, 5, 6, 7],
    minLevel: 2,
    licenceTypeCode: demoLicenceTypeCodes.residencePermit,
    guide: {
      ...common('000120004000'),
      legalBasis: [
        {
          name: t('《居住证暂行条例》（国务院令第663号）', 'Interim Regulation on Residence Permits (State Council Decree No. 663)'),
          article: t('第二条', 'Art. 2'),
          text: t('公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以依照本条例的规定申领居住证。', 'A citizen who has lived in another city for over six months away from their household registration, with stable employment, a stable residence or continuous study, may apply for a residence permit.'),
        },
        {
          name: t('《居住证暂行条例》（国务院令第663号）', 'Interim Regulation on Residence Permits (State Council Decree No. 663)'),
          article: t('第九条', 'Art. 9'),
          text: t('申领居住证，应当向居住地公安派出所或者受公安机关委托的社区服务机构提交本人居民身份证、本人相片以及居住地住址、就业、就读等证明材料。', 'The applicant submits their ID card, photo and proof of address, employment or study to the local police station or an authorised community service body.'),
        },
      ],
      legalLimitNote: t('自受理之日起 15 日内制作发放居住证。', 'Issued within 15 days of intake.'),
      audience: t('离开常住户口所在地，到本市居住半年以上的公民', 'Citizens who have lived in the city for over six months away from their household registration'),
      conditions: [t('在本市居住半年以上', 'Lived in the city for over six months'), t('有合法稳定就业、合法稳定住所或连续就读之一', 'Stable job, stable residence or continuous study')],
      process: [t('网上申请', 'Apply online'), t('派出所受理', 'Intake at the police station'), t('审核制证', 'Review and issue')],
      caseKind: 'promised',
      ...standardPlace('公安户政窗口', 'public security household desk'),
      contactPhone: '0931-8453110',
      complaintPhone: '12389',
      visits: 0,
      fees: [
        {
          name: t('居住证换领、补领工本费', 'Fee for replacing a residence permit'),
          amountFen: 2000,
          basis: t('《居住证暂行条例》；收费标准由省级价格主管部门会同财政部门核定（演示金额）', 'Interim Regulation on Residence Permits; the amount is set by the provincial price and finance authorities (demo amount)'),
        },
      ],
      feeWaivers: [{ description: t('首次申领居住证免收证件工本费。', 'No fee for a first residence permit.'), basis: t('《居住证暂行条例》', 'Interim Regulation on Residence Permits') }],
      result: t('居住证（电子证照）', 'Residence permit (e-certificate)'),
      resultType: 'licence',
      crossRegion: 'provincial',
    },
    materials: [
      idCardFromLibrary,
      uploaded({ code: 'M02', name: t('居住证明', 'Proof of residence'), required: true, description: t('房屋租赁合同、房屋产权证明或单位宿舍证明之一', 'Lease, title deed or employer dormitory certificate'), accept: pdfImg, maxBytes: 10 * MB }),
      uploaded({ code: 'M03', name: t('就业或就读证明', 'Proof of employment or study'), required: false, description: t('劳动合同、营业执照或学籍证明', 'Employment contract, business licence or enrolment certificate'), accept: pdfImg, maxBytes: 10 * MB }),
    ],
    fields: [
      // Filled from the applicant's identity record at submission, shown read-only (and masked) in the portal.
      { name: 'applicantName', label: t('申请人姓名', 'Applicant’s name'), type: 'text', required: true, prefill: 'applicant.name' },
      { name: 'applicantIdNumber', label: t('申请人公民身份号码', 'Applicant’s ID number'), type: 'idNumber', required: true, prefill: 'applicant.idNumber' },
      { name: 'contactPhone', label: t('联系电话', 'Contact phone'), type: 'phone', required: false, prefill: 'applicant.phone' },
      { name: 'address', label: t('居住地址', 'Residential address'), type: 'text', required: true, maxLength: 120 },
      { name: 'since', label: t('居住起始日期', 'Living here since'), type: 'date', required: true },
      { name: 'stay', label: t('拟居住期限', 'Planned stay'), type: 'dateRange', required: false, help: t('预计在本市居住的起止日期', 'From and to when you expect to live in the city') },
      { name: 'basis', label: t('申领依据', 'Basis'), type: 'radio', required: true, options: [{ value: 'job', label: t('合法稳定就业', 'Stable employment') }, { value: 'home', label: t('合法稳定住所', 'Stable residence') }, { value: 'study', label: t('连续就读', 'Continuous study') }] },
      // Shown, and then required, only for the basis they prove.
      { name: 'employer', label: t('就业单位名称', 'Employer'), type: 'text', required: true, maxLength: 60, visibleWhen: { field: 'basis', op: 'equals', value: 'job' } },
      { name: 'employerCode', label: t('就业单位统一社会信用代码', 'Employer’s credit code'), type: 'creditCode', required: false, visibleWhen: { field: 'basis', op: 'equals', value: 'job' } },
      { name: 'school', label: t('就读学校', 'School'), type: 'text', required: true, maxLength: 60, visibleWhen: { field: 'basis', op: 'equals', value: 'study' } },
      {
        name: 'children',
        label: t('随迁未成年子女', 'Children moving with you'),
        type: 'table',
        required: false,
        maxRows: 5,
        columns: [
          { name: 'name', label: t('姓名', 'Name'), type: 'text', required: true, maxLength: 30 },
          { name: 'idNumber', label: t('公民身份号码', 'ID number'), type: 'idNumber', required: true },
          { name: 'relation', label: t('关系', 'Relation'), type: 'select', required: true, options: [{ value: 'son', label: t('子', 'Son') }, { value: 'daughter', label: t('女', 'Daughter') }] },
        ],
      },
    ],
  },
  {
    code: '000120005000',
    dept: 'GA',
    itemType: '20',
    name: t('无犯罪记录证明开具', 'Certificate of no criminal record'),
    legalLimitDays: 3,
    promisedLimitDays: 1,
    onlineDepth: [1, 2, 3, 4, 5, 6, 7],
    minLevel: 2,
    licenceTypeCode: demoLicenceTypeCodes.noCriminalRecord,
    guide: {
      ...common('000120005000'),
      legalBasis: [{ name: t('《公安部关于印发〈公安机关办理犯罪记录查询工作规定〉的通知》（公通字〔2021〕19号）', 'MPS Rules on Criminal Record Queries (Gong Tong Zi [2021] No. 19)') }],
      audience: t('因就业、出国等需要证明本人无犯罪记录的个人', 'Individuals who need to prove they have no criminal record'),
      conditions: [t('本人申请，用途明确', 'Applied for by the person, with a stated purpose')],
      process: [t('网上申请', 'Apply online'), t('受理', 'Intake'), t('查询核实', 'Records checked'), t('出具电子证明', 'Electronic certificate issued')],
      caseKind: 'promised',
      ...standardPlace('公安综合窗口', 'public security desk'),
      contactPhone: '0931-8453111',
      complaintPhone: '12389',
      visits: 0,
      fees: [],
      result: t('无犯罪记录证明（电子证照）', 'Certificate of no criminal record (e-certificate)'),
      resultType: 'licence',
      crossRegion: 'inter_provincial',
      faq: [
        {
          question: t('证明可以用于出国（境）吗？', 'Can the certificate be used abroad?'),
          answer: t('可以作为出国（境）材料；接收方要求公证、认证的，请持证明到公证机构办理。', 'Yes; where the receiving side asks for notarisation or legalisation, take it to a notary.'),
        },
      ],
    },
    materials: [idCardFromLibrary],
    fields: [
      { name: 'purpose', label: t('用途', 'Purpose'), type: 'select', required: true, options: [{ value: '就业', label: t('就业', 'Employment') }, { value: '出国（境）', label: t('出国（境）', 'Travel abroad') }, { value: '其他', label: t('其他', 'Other') }] },
      { name: 'recipient', label: t('接收单位', 'Receiving organisation'), type: 'text', required: false, maxLength: 60 },
    ],
  },
  {
    code: '000105006000',
    dept: 'MZ',
    itemType: '05',
    name: t('最低生活保障审核确认', 'Minimum living allowance (dibao) confirmation'),
    legalLimitDays: 30,
    promisedLimitDays: 20,
    onlineDepth: [1, 2, 3, 4, 5, 6],
    minLevel: 3,
    licenceTypeCode: null,
    guide: {
      ...common('000105006000'),
      legalBasis: [
        {
          name: t('《社会救助暂行办法》（国务院令第649号）', 'Interim Measures for Social Assistance (State Council Decree No. 649)'),
          article: t('第九条', 'Art. 9'),
          text: t('国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。', 'The State grants the minimum living allowance to households whose per-head income is below the local standard and whose assets meet the local rules.'),
        },
        { name: t('《社会救助暂行办法》（国务院令第649号）', 'Interim Measures for Social Assistance (State Council Decree No. 649)'), article: t('第十一条', 'Art. 11') },
      ],
      audience: t('共同生活的家庭成员人均收入低于当地最低生活保障标准，且财产状况符合规定的家庭', 'Households whose per-head income is below the local minimum and whose assets qualify'),
      conditions: [t('持有本地户籍', 'Local household registration'), t('家庭人均收入低于当地低保标准', 'Per-head income below the local standard')],
      process: [t('网上申请', 'Apply online'), t('乡镇（街道）受理', 'Intake by the township or sub-district'), t('家庭经济状况核查', 'Household means check'), t('公示', 'Public notice'), t('审核确认', 'Confirmation')],
      caseKind: 'promised',
      ...standardPlace('民政社会救助窗口', 'civil affairs assistance desk'),
      contactPhone: '0931-8452002',
      complaintPhone: '12345',
      visits: 0,
      fees: [],
      result: t('最低生活保障审核确认决定', 'Decision on the minimum living allowance'),
      resultType: 'approval',
      crossRegion: 'none',
      specialProcedures: [
        {
          kind: 'public_notice',
          name: t('审核确认结果公示', 'Public notice of the proposed decision'),
          limit: 7,
          unit: 'natural_days',
          note: t('对拟确认的家庭在申请人所在村（社区）公示，公示期不计入办理时限。', 'The proposed decision is posted in the applicant’s village or community; the notice period is not counted in the limit.'),
        },
      ],
    },
    materials: [
      idCardFromLibrary,
      uploaded({
        code: 'M02',
        name: t('家庭经济状况核对授权书', 'Authorisation to check household finances'),
        required: true,
        description: t('全体家庭成员签字', 'Signed by all household members'),
        accept: pdfImg,
        maxBytes: 10 * MB,
        blankFormUrl: '/guide-files/dibao-authorisation-blank.html',
        sampleUrl: '/guide-files/dibao-authorisation-sample.html',
      }),
      {
        code: 'M03',
        name: t('户籍信息', 'Household registration'),
        required: true,
        description: t('由系统从人口基础信息库调取，申请人无需提交户口簿。', 'Read by the system from the population registry: no household register to hand in.'),
        accept: [],
        maxBytes: MB,
        source: 'registry',
        registry: 'population',
        form: 'electronic',
        medium: 'electronic',
      },
    ],
    fields: [
      { name: 'householdSize', label: t('共同生活家庭成员人数', 'Household size'), type: 'number', required: true, min: 1, max: 20 },
      // Money in fen (分); the portal takes yuan with 2 decimals.
      { name: 'monthlyIncome', label: t('家庭月总收入', 'Monthly household income'), type: 'amount', required: true, min: 0, max: 100_000_000 },
      { name: 'homeAddress', label: t('户籍所在地', 'Registered household address'), type: 'address', required: false, maxLength: 120 },
      {
        name: 'members',
        label: t('共同生活家庭成员', 'Household members'),
        type: 'table',
        required: false,
        maxRows: 20,
        columns: [
          { name: 'name', label: t('姓名', 'Name'), type: 'text', required: true, maxLength: 30 },
          { name: 'relation', label: t('与申请人关系', 'Relation'), type: 'select', required: true, options: [{ value: 'spouse', label: t('配偶', 'Spouse') }, { value: 'child', label: t('子女', 'Child') }, { value: 'parent', label: t('父母', 'Parent') }, { value: 'other', label: t('其他', 'Other') }] },
          { name: 'idNumber', label: t('公民身份号码', 'ID number'), type: 'idNumber', required: true },
          { name: 'income', label: t('月收入', 'Monthly income'), type: 'amount', required: false, min: 0 },
        ],
      },
      { name: 'hardships', label: t('困难情形', 'Hardships'), type: 'checkboxes', required: false, maxCount: 3, options: [{ value: 'illness', label: t('重病', 'Serious illness') }, { value: 'disability', label: t('残疾', 'Disability') }, { value: 'unemployed', label: t('失业', 'Unemployment') }, { value: 'disaster', label: t('灾害', 'Disaster') }] },
      { name: 'disabilityCert', label: t('残疾人证号', 'Disability certificate number'), type: 'text', required: false, maxLength: 30, visibleWhen: { field: 'hardships', op: 'equals', value: 'disability' }, requiredWhen: { field: 'hardships', op: 'equals', value: 'disability' } },
      { name: 'reason', label: t('申请理由', 'Reason'), type: 'textarea', required: true, maxLength: 1000 },
    ],
  },
];

/** Where people look for the demo items: life events (个人) and enterprise stages (法人). */
export const demoTopics: Record<string, CatalogTopics> = {
  '000101001000': { enterpriseStages: ['start'] }, // 个体工商户设立登记
  '000101002000': { enterpriseStages: ['start', 'operate'] }, // 食品经营许可
  '000107003000': { lifeEvents: ['marriage'] }, // 婚姻登记
  '000120004000': { lifeEvents: ['residence', 'employment'] }, // 居住证
  '000120005000': { lifeEvents: ['employment'] }, // 无犯罪记录证明
  '000105006000': { lifeEvents: ['assistance'] }, // 最低生活保障
};

/**
 * Theme services (一件事) of the demo city: each bundles implementations of several departments,
 * asked with one form and shared materials; members after 设立登记 / 出生医学证明 wait for it.
 */
export const demoThemes: ThemeInput[] = [
  {
    code: 'KBQY',
    name: t('开办企业一件事', 'Starting a business'),
    description: t(
      '企业设立登记、公章刻制、发票申领和社会保险登记一次申请：一张表单、共享材料只交一次；设立登记办结后，其余事项自动转入各部门受理。',
      'Company registration, seals, invoices and social insurance in one application: one form, each shared document once; when the registration is done, the others go to their departments automatically.',
    ),
    audience: 'entity',
    topics: { enterpriseStages: ['start'] },
    members: [
      { item: '00020104200062010001', after: [] },
      { item: '00020704300062010001', after: ['00020104200062010001'] },
      { item: '00022004400062010001', after: ['00020104200062010001'] },
      { item: '00022004500062010001', after: ['00020104200062010001'] },
    ],
    fields: [
      {
        name: 'enterpriseName',
        label: t('企业名称', 'Company name'),
        targets: [
          { item: '00020104200062010001', field: 'enterpriseName' },
          { item: '00020704300062010001', field: 'enterpriseName' },
          { item: '00022004400062010001', field: 'enterpriseName' },
          { item: '00022004500062010001', field: 'enterpriseName' },
        ],
      },
      {
        name: 'address',
        label: t('住所（经营场所）', 'Domicile (premises)'),
        targets: [
          { item: '00020104200062010001', field: 'address' },
          { item: '00022004400062010001', field: 'address' },
        ],
      },
      {
        name: 'contactPhone',
        label: t('联系电话', 'Contact phone'),
        targets: [
          { item: '00020104200062010001', field: 'contactPhone' },
          { item: '00022004400062010001', field: 'contactPhone' },
        ],
      },
    ],
    materials: [
      {
        code: 'S01',
        name: t('住所（经营场所）使用证明', 'Proof of right to use the domicile (premises)'),
        targets: [
          { item: '00020104200062010001', material: 'M03' },
          { item: '00022004400062010001', material: 'M02' },
        ],
      },
    ],
  },
  {
    code: 'XSECS',
    name: t('新生儿出生一件事', 'A baby is born'),
    description: t(
      '出生医学证明、户口登记和城乡居民医保参保一次申请：新生儿信息只填一次；出生医学证明签发后办理户口登记，落户后自动办理医保参保。',
      'Medical birth certificate, household registration and medical insurance in one application: the baby’s details once; registration follows the certificate, insurance follows the registration.',
    ),
    audience: 'person',
    topics: { lifeEvents: ['birth'] },
    members: [
      { item: '00022004600062010001', after: [] },
      { item: '00020701600062010201', after: ['00022004600062010001'] },
      { item: '00022004700062010001', after: ['00020701600062010201'] },
    ],
    fields: [
      {
        name: 'babyName',
        label: t('新生儿姓名', 'Baby’s name'),
        targets: [
          { item: '00022004600062010001', field: 'babyName' },
          { item: '00020701600062010201', field: 'babyName' },
          { item: '00022004700062010001', field: 'insuredName' },
        ],
      },
      {
        name: 'birthDate',
        label: t('出生日期', 'Date of birth'),
        targets: [
          { item: '00022004600062010001', field: 'birthDate' },
          { item: '00020701600062010201', field: 'birthDate' },
          { item: '00022004700062010001', field: 'birthDate' },
        ],
      },
    ],
    materials: [],
  },
];
