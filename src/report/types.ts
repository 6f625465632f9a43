/** The work report as data: Report → Section → Item → Target. */

/** A measurable promise inside an item. */
export interface Target {
  /** `4.3#1`: item id and position in text order. */
  id: string;
  kind: 'quantity' | 'milestone';
  /** What is counted (`领军人才及团队`) or what is to be done (`公交IC卡系统`). */
  metric: string;
  /** The promised number; a milestone has 1 (done or not). */
  value: number;
  unit: string;
  comparator: '>=' | '<=' | '=';
  /** The words of the report that make the promise. */
  text: string;
}

export interface Item {
  /** `4.3` */
  id: string;
  sectionId: string;
  /** Position within the section, from 1. */
  index: number;
  /** `提升人才支撑水平` */
  title: string;
  /** The whole item, title included. */
  text: string;
  sentences: string[];
  targets: Target[];
  /** 1-based line of the report file where the item stands. */
  line: number;
}

export interface Section {
  /** `4` */
  id: string;
  index: number;
  title: string;
  preamble: string;
  items: Item[];
  line: number;
}

export interface Report {
  id: string;
  title: string;
  city: string;
  year: number;
  /** Text before the first section. */
  intro: string;
  sections: Section[];
  file: string;
}
