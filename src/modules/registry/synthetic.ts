import { completeIdNumber } from '../../lib/identifiers.js';
import type { RegistryPerson } from './service.js';

/**
 * Synthetic but valid people for the demo node's population registry: GB 11643 numbers with
 * real Lanzhou district codes, plausible birth dates and sex digits, common names. Generated
 * from a fixed seed, so every installation (and every test) has the same people.
 */
const DISTRICTS = ['620102', '620103', '620104', '620105', '620111', '620121', '620122', '620123'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN_M = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宁', '建国', '志强', '海燕', '子轩', '浩然', '宇航', '俊杰'];
const GIVEN_F = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂英', '玉兰', '婷', '雪', '慧', '琳', '欣怡', '梓涵', '诗涵', '佳怡', '雨萱'];

/** People named in the README and tests: register as one of them to be checked at level 2. */
export const demoRegistryPeople = {
  /** Has no account: registering with this name and ID number gives level 2 at once. */
  wangFang: { name: '王芳', idNumber: completeIdNumber('62010219950614202'), regionCode: '620102' },
  /** Has no account: a walk-in at the hall window. */
  liuYang: { name: '刘洋', idNumber: completeIdNumber('62010319880808531'), regionCode: '620103' },
  /** Registered as deceased: never passes a real-name check. */
  chenJianguo: { name: '陈建国', idNumber: completeIdNumber('62010419400101101'), regionCode: '620104', status: 'deceased' as const },
};

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticPopulation(count: number, seed = 620100): RegistryPerson[] {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const seen = new Set<string>();
  const people: RegistryPerson[] = [];
  while (people.length < count) {
    const region = pick(DISTRICTS);
    const year = 1940 + Math.floor(rnd() * 67);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const female = rnd() < 0.5;
    const order = Math.floor(rnd() * 50) * 10 + Math.floor(rnd() * 5) * 2 + (female ? 0 : 1);
    const first17 = `${region}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(order).padStart(3, '0')}`;
    if (seen.has(first17)) continue;
    seen.add(first17);
    const name = pick([...SURNAMES]) + pick(female ? GIVEN_F : GIVEN_M);
    people.push({ idNumber: completeIdNumber(first17), name, regionCode: region });
  }
  return people;
}
