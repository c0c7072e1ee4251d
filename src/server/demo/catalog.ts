import type { CatalogTopics, FormField, GuideData, MaterialSpec, NewServiceItem } from '../../modules/catalog/index.js';
import type { FaceFieldSpec } from '../../modules/licences/index.js';
import type { LocalText } from '../../db/types.js';

/** Demo service items for a city node (兰州市). Realistic, but not an official catalogue. */
const t = (zh: string, en: string): LocalText => ({ zh, en });
const MB = 1024 * 1024;
const pdfImg: MaterialSpec['accept'] = ['pdf', 'png', 'jpg'];

const idCardCopy: MaterialSpec = {
  code: 'M01',
  name: t('申请人身份证明', 'Applicant’s identity document'),
  required: true,
  description: t('居民身份证正反面扫描件或照片，已通过统一身份认证的可免交（免证办）。', 'Scan or photo of both sides of the resident ID card.'),
  accept: pdfImg,
  maxBytes: 5 * MB,
};

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
    legalLimitDays: 15,
    promisedLimitDays: 3,
    onlineDepth: [1, 2, 3, 4, 5, 6, 7],
    minLevel: 2,
    licenceTypeCode: demoLicenceTypeCodes.individualBusiness,
    guide: {
      legalBasis: [
        t('《促进个体工商户发展条例》（国务院令第755号）第八条', 'Regulation on Promoting the Development of Individual Businesses (State Council Decree No. 755), art. 8'),
        t('《中华人民共和国市场主体登记管理条例》第三条', 'Regulation on the Registration of Market Entities, art. 3'),
      ],
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
    },
    materials: [
      idCardCopy,
      { code: 'M02', name: t('经营场所使用证明', 'Proof of right to use the premises'), required: true, description: t('房产证明或租赁合同', 'Title deed or lease'), accept: pdfImg, maxBytes: 10 * MB },
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
      legalBasis: [
        t('《中华人民共和国食品安全法》第三十五条', 'Food Safety Law of the PRC, art. 35'),
        t('《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）', 'Measures for Food Business Licensing and Filing (SAMR Order No. 78)'),
      ],
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
      fees: [],
      result: t('食品经营许可证（电子证照）', 'Food business licence (e-certificate)'),
    },
    materials: [
      idCardCopy,
      { code: 'M02', name: t('经营场所平面布局图', 'Floor plan of the premises'), required: true, description: t('标明操作流程与设备布局', 'Showing workflow and equipment'), accept: pdfImg, maxBytes: 10 * MB },
      { code: 'M03', name: t('食品安全管理制度文本', 'Food safety management rules'), required: true, description: t('加盖公章或签字', 'Signed or sealed'), accept: ['pdf'], maxBytes: 10 * MB },
    ],
    fields: [
      { name: 'operatorName', label: t('经营者名称', 'Operator name'), type: 'text', required: true, maxLength: 60 },
      { name: 'address', label: t('经营场所', 'Premises address'), type: 'text', required: true, maxLength: 120 },
      { name: 'category', label: t('主体业态', 'Business category'), type: 'select', required: true, options: [{ value: '食品销售经营者', label: t('食品销售经营者', 'Food retailer') }, { value: '餐饮服务经营者', label: t('餐饮服务经营者', 'Catering') }, { value: '单位食堂', label: t('单位食堂', 'Canteen') }] },
      { name: 'items', label: t('经营项目', 'Business items'), type: 'textarea', required: true, maxLength: 300 },
      { name: 'safetyManager', label: t('食品安全管理人员', 'Food safety manager'), type: 'text', required: true, maxLength: 30 },
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
      legalBasis: [t('《中华人民共和国民法典》第一千零四十九条', 'Civil Code of the PRC, art. 1049'), t('《婚姻登记条例》（2025年修订）第四条至第七条', 'Regulation on Marriage Registration (rev. 2025), arts. 4–7')],
      audience: t('要求结婚的男女双方', 'Couples who wish to marry'),
      conditions: [t('双方完全自愿，达到法定婚龄（男22周岁、女20周岁）', 'Both fully willing and of legal age (men 22, women 20)'), t('双方均无配偶，无禁止结婚的亲属关系', 'Neither is married; no prohibited kinship')],
      process: [t('网上预约并填报', 'Book and fill in online'), t('双方共同到场核验身份', 'Both appear in person for identity check'), t('签署声明并颁证', 'Sign declarations; certificate issued')],
      caseKind: 'immediate',
      ...standardPlace('民政婚姻登记窗口', 'civil affairs marriage desk'),
      contactPhone: '0931-8452001',
      complaintPhone: '12345',
      visits: 1,
      fees: [],
      result: t('结婚证（电子证照）', 'Marriage certificate (e-certificate)'),
    },
    materials: [
      idCardCopy,
      { code: 'M02', name: t('本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明', 'Signed declaration of no spouse and no prohibited kinship'), required: true, description: t('现场签字或上传签字扫描件', 'Signed in person or scanned'), accept: pdfImg, maxBytes: 5 * MB },
      { code: 'M03', name: t('双方近期半身免冠合影照片', 'Recent joint photo'), required: true, description: t('2寸红底', '2-inch, red background'), accept: ['png', 'jpg'], maxBytes: 5 * MB },
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
      legalBasis: [t('《居住证暂行条例》（国务院令第663号）第二条、第九条', 'Interim Regulation on Residence Permits (State Council Decree No. 663), arts. 2 and 9')],
      audience: t('离开常住户口所在地，到本市居住半年以上的公民', 'Citizens who have lived in the city for over six months away from their household registration'),
      conditions: [t('在本市居住半年以上', 'Lived in the city for over six months'), t('有合法稳定就业、合法稳定住所或连续就读之一', 'Stable job, stable residence or continuous study')],
      process: [t('网上申请', 'Apply online'), t('派出所受理', 'Intake at the police station'), t('审核制证', 'Review and issue')],
      caseKind: 'promised',
      ...standardPlace('公安户政窗口', 'public security household desk'),
      contactPhone: '0931-8453110',
      complaintPhone: '12389',
      visits: 0,
      fees: [],
      result: t('居住证（电子证照）', 'Residence permit (e-certificate)'),
    },
    materials: [
      idCardCopy,
      { code: 'M02', name: t('居住证明', 'Proof of residence'), required: true, description: t('房屋租赁合同、房屋产权证明或单位宿舍证明之一', 'Lease, title deed or employer dormitory certificate'), accept: pdfImg, maxBytes: 10 * MB },
      { code: 'M03', name: t('就业或就读证明', 'Proof of employment or study'), required: false, description: t('劳动合同、营业执照或学籍证明', 'Employment contract, business licence or enrolment certificate'), accept: pdfImg, maxBytes: 10 * MB },
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
      legalBasis: [t('《公安部关于印发〈公安机关办理犯罪记录查询工作规定〉的通知》（公通字〔2021〕19号）', 'MPS Rules on Criminal Record Queries (Gong Tong Zi [2021] No. 19)')],
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
    },
    materials: [idCardCopy],
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
      legalBasis: [t('《社会救助暂行办法》（国务院令第649号）第九条至第十一条', 'Interim Measures for Social Assistance (State Council Decree No. 649), arts. 9–11')],
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
    },
    materials: [
      idCardCopy,
      { code: 'M02', name: t('家庭经济状况核对授权书', 'Authorisation to check household finances'), required: true, description: t('全体家庭成员签字', 'Signed by all household members'), accept: pdfImg, maxBytes: 10 * MB },
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
