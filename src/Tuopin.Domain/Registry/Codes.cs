using Tuopin.Domain.Common;

namespace Tuopin.Domain.Registry;

// The coded fields of the 2014 national registry form (贫困户登记表). Enum numbers are the form's codes
// where it has them, so that a stored value and a spreadsheet code are the same number.

public enum IdentificationStandard { National = 1, Provincial = 2, Municipal = 3 }

public enum HouseholdAttribute { General = 1, Dibao = 2, Wubao = 3 }

public enum PovertyCause
{
    Illness = 1, Disability = 2, Schooling = 3, Disaster = 4, LackOfLand = 5, LackOfWater = 6,
    LackOfSkills = 7, LackOfLabour = 8, LackOfCapital = 9, PoorTransport = 10, LackOfDrive = 11, Other = 99,
}

public enum HouseholdStatus { NotExited = 1, Exited = 2, Returned = 3, Removed = 4 }

public enum Relation
{
    Head = 1, Spouse = 2, Son = 3, Daughter = 4, DaughterInLaw = 5, SonInLaw = 6, Grandson = 7,
    Granddaughter = 8, DaughtersSon = 9, DaughtersDaughter = 10, Father = 11, Mother = 12,
    WifesFather = 13, WifesMother = 14, HusbandsFather = 15, HusbandsMother = 16, Grandfather = 17,
    Grandmother = 18, MaternalGrandfather = 19, MaternalGrandmother = 20, Other = 99,
}

public enum Education { Illiterate = 1, Primary = 2, JuniorHigh = 3, SeniorHigh = 4, College = 5, Preschool = 6 }

public enum Schooling
{
    NotInSchool = 1, Preschool = 2, Primary = 3, JuniorHigh = 4, SeniorHigh = 5,
    SecondaryVocational = 6, HigherVocational = 7, College = 8,
}

public enum Health { Healthy = 1, ChronicIllness = 2, SeriousIllness = 3, Disabled = 4 }

public enum LabourSkill { Ordinary = 1, Skilled = 2, Lost = 3, None = 4 }

public enum MigrantWork { WithinTownship = 1, WithinCounty = 2, WithinProvince = 3, OutsideProvince = 4, Other = 9 }

public enum HousingSafety { Safe = 1, DangerC = 2, DangerD = 3, NoHouse = 4 }

public enum EntryRoad { Mud = 1, Gravel = 2, Cement = 3, Asphalt = 4 }

public enum Fuel { Firewood = 1, Dung = 2, Coal = 3, Clean = 4, Other = 9 }

public enum MemberStatus { Present = 1, Deceased = 2, MovedOut = 3 }

public static class Codes
{
    public static readonly CodeList<IdentificationStandard> Standards = new("识别标准", "Identification standard",
        new(IdentificationStandard.National, "1", "国家标准", "National"),
        new(IdentificationStandard.Provincial, "2", "省定标准", "Provincial"),
        new(IdentificationStandard.Municipal, "3", "市定标准", "Municipal"));

    public static readonly CodeList<HouseholdAttribute> Attributes = new("贫困户属性", "Household attribute",
        new(HouseholdAttribute.General, "1", "一般贫困户", "General poor household"),
        new(HouseholdAttribute.Dibao, "2", "低保贫困户", "Minimum-living-allowance household"),
        new(HouseholdAttribute.Wubao, "3", "五保贫困户", "Five-guarantees household"));

    public static readonly CodeList<PovertyCause> Causes = new("致贫原因", "Cause of poverty",
        new(PovertyCause.Illness, "01", "因病", "Illness"),
        new(PovertyCause.Disability, "02", "因残", "Disability"),
        new(PovertyCause.Schooling, "03", "因学", "Schooling costs"),
        new(PovertyCause.Disaster, "04", "因灾", "Disaster"),
        new(PovertyCause.LackOfLand, "05", "缺土地", "Lack of land"),
        new(PovertyCause.LackOfWater, "06", "缺水", "Lack of water"),
        new(PovertyCause.LackOfSkills, "07", "缺技术", "Lack of skills"),
        new(PovertyCause.LackOfLabour, "08", "缺劳动力", "Lack of labour"),
        new(PovertyCause.LackOfCapital, "09", "缺资金", "Lack of capital"),
        new(PovertyCause.PoorTransport, "10", "交通条件落后", "Poor transport"),
        new(PovertyCause.LackOfDrive, "11", "自身发展动力不足", "Lack of drive"),
        new(PovertyCause.Other, "99", "其他", "Other"));

    public static readonly CodeList<HouseholdStatus> Statuses = new("脱贫状态", "Poverty status",
        new(HouseholdStatus.NotExited, "1", "未脱贫", "Not exited"),
        new(HouseholdStatus.Exited, "2", "已脱贫", "Exited"),
        new(HouseholdStatus.Returned, "3", "返贫", "Returned to poverty"),
        new(HouseholdStatus.Removed, "4", "已清退", "Removed (wrongly registered)"));

    public static readonly CodeList<Relation> Relations = new("与户主关系", "Relation to head",
        new(Relation.Head, "01", "户主", "Head"),
        new(Relation.Spouse, "02", "配偶", "Spouse"),
        new(Relation.Son, "03", "之子", "Son"),
        new(Relation.Daughter, "04", "之女", "Daughter"),
        new(Relation.DaughterInLaw, "05", "之儿媳", "Daughter-in-law"),
        new(Relation.SonInLaw, "06", "之女婿", "Son-in-law"),
        new(Relation.Grandson, "07", "之孙子", "Grandson"),
        new(Relation.Granddaughter, "08", "之孙女", "Granddaughter"),
        new(Relation.DaughtersSon, "09", "之外孙子", "Daughter's son"),
        new(Relation.DaughtersDaughter, "10", "之外孙女", "Daughter's daughter"),
        new(Relation.Father, "11", "之父", "Father"),
        new(Relation.Mother, "12", "之母", "Mother"),
        new(Relation.WifesFather, "13", "之岳父", "Wife's father"),
        new(Relation.WifesMother, "14", "之岳母", "Wife's mother"),
        new(Relation.HusbandsFather, "15", "之公公", "Husband's father"),
        new(Relation.HusbandsMother, "16", "之婆婆", "Husband's mother"),
        new(Relation.Grandfather, "17", "之祖父", "Grandfather"),
        new(Relation.Grandmother, "18", "之祖母", "Grandmother"),
        new(Relation.MaternalGrandfather, "19", "之外祖父", "Maternal grandfather"),
        new(Relation.MaternalGrandmother, "20", "之外祖母", "Maternal grandmother"),
        new(Relation.Other, "99", "其他", "Other"));

    public static readonly CodeList<Education> Educations = new("文化程度", "Education",
        new(Education.Illiterate, "1", "文盲或半文盲", "Illiterate or semi-literate"),
        new(Education.Primary, "2", "小学", "Primary school"),
        new(Education.JuniorHigh, "3", "初中", "Junior high school"),
        new(Education.SeniorHigh, "4", "高中", "Senior high school"),
        new(Education.College, "5", "大专及以上", "College or above"),
        new(Education.Preschool, "6", "学龄前儿童", "Pre-school child"));

    public static readonly CodeList<Schooling> Schoolings = new("在校生状况", "Schooling",
        new(Schooling.NotInSchool, "1", "非在校生", "Not in school"),
        new(Schooling.Preschool, "2", "学前教育", "Pre-school education"),
        new(Schooling.Primary, "3", "小学", "Primary school"),
        new(Schooling.JuniorHigh, "4", "七–九年级", "Grades 7–9"),
        new(Schooling.SeniorHigh, "5", "高中一–三年级", "Senior high, years 1–3"),
        new(Schooling.SecondaryVocational, "6", "中职一–三年级", "Secondary vocational, years 1–3"),
        new(Schooling.HigherVocational, "7", "高职一–三年级", "Higher vocational, years 1–3"),
        new(Schooling.College, "8", "大专及以上", "College or above"));

    public static readonly CodeList<Health> Healths = new("健康状况", "Health",
        new(Health.Healthy, "1", "健康", "Healthy"),
        new(Health.ChronicIllness, "2", "长期慢性病", "Chronic illness"),
        new(Health.SeriousIllness, "3", "患有大病", "Serious illness"),
        new(Health.Disabled, "4", "残疾", "Disability"));

    public static readonly CodeList<LabourSkill> LabourSkills = new("劳动技能", "Labour ability",
        new(LabourSkill.Ordinary, "1", "普通劳动力", "Ordinary labour"),
        new(LabourSkill.Skilled, "2", "技能劳动力", "Skilled labour"),
        new(LabourSkill.Lost, "3", "丧失劳动力", "Lost labour ability"),
        new(LabourSkill.None, "4", "无劳动力", "No labour ability"));

    public static readonly CodeList<MigrantWork> MigrantWorks = new("务工状况", "Migrant work",
        new(MigrantWork.WithinTownship, "1", "乡镇内务工", "Within the township"),
        new(MigrantWork.WithinCounty, "2", "乡镇外县内务工", "Outside the township, within the county"),
        new(MigrantWork.WithinProvince, "3", "县外省内务工", "Outside the county, within the province"),
        new(MigrantWork.OutsideProvince, "4", "省外务工", "Outside the province"),
        new(MigrantWork.Other, "9", "其他", "Other"));

    public static readonly CodeList<HousingSafety> Housings = new("有无安全住房", "Safe housing",
        new(HousingSafety.Safe, "1", "有", "Safe house"),
        new(HousingSafety.DangerC, "2", "危房C级", "Dangerous house, grade C"),
        new(HousingSafety.DangerD, "3", "危房D级", "Dangerous house, grade D"),
        new(HousingSafety.NoHouse, "4", "无房", "No house"));

    public static readonly CodeList<EntryRoad> EntryRoads = new("入户路类型", "Road to the house",
        new(EntryRoad.Mud, "1", "泥土路", "Earth road"),
        new(EntryRoad.Gravel, "2", "砂石路", "Gravel road"),
        new(EntryRoad.Cement, "3", "水泥路", "Cement road"),
        new(EntryRoad.Asphalt, "4", "沥青路", "Asphalt road"));

    public static readonly CodeList<Fuel> Fuels = new("主要燃料类型", "Main fuel",
        new(Fuel.Firewood, "1", "柴草", "Firewood and straw"),
        new(Fuel.Dung, "2", "干畜粪", "Dried dung"),
        new(Fuel.Coal, "3", "煤炭", "Coal"),
        new(Fuel.Clean, "4", "清洁能源", "Clean energy"),
        new(Fuel.Other, "9", "其他", "Other"));

    public static readonly CodeList<MemberStatus> MemberStatuses = new("成员状态", "Member status",
        new(MemberStatus.Present, "1", "在户", "Present"),
        new(MemberStatus.Deceased, "2", "死亡", "Deceased"),
        new(MemberStatus.MovedOut, "3", "迁出", "Moved out"));

    public static readonly CodeList<HouseholdEventKind> EventKinds = new("变动类型", "Kind of change",
        new(HouseholdEventKind.Registration, "01", "新识别", "New registration"),
        new(HouseholdEventKind.Exit, "02", "脱贫", "Exit from poverty"),
        new(HouseholdEventKind.ReturnToPoverty, "03", "返贫", "Return to poverty"),
        new(HouseholdEventKind.Removal, "04", "识别不准清退", "Removal as wrongly registered"),
        new(HouseholdEventKind.Birth, "05", "出生", "Birth"),
        new(HouseholdEventKind.Death, "06", "死亡", "Death"),
        new(HouseholdEventKind.MarriageIn, "07", "婚入", "Marriage into the household"),
        new(HouseholdEventKind.MarriageOut, "08", "婚出", "Marriage out of the household"),
        new(HouseholdEventKind.MoveIn, "09", "迁入", "Moving into the county"),
        new(HouseholdEventKind.MoveOut, "10", "迁出", "Moving out of the county"),
        new(HouseholdEventKind.MoveVillage, "11", "县内迁移", "Moving to another village"),
        new(HouseholdEventKind.Split, "12", "分户", "Split of the household"),
        new(HouseholdEventKind.Merge, "13", "合户", "Merge of households"),
        new(HouseholdEventKind.Correction, "14", "信息更正", "Correction"));

    public static readonly CodeList<Sex> Sexes = new("性别", "Sex",
        new(Sex.Male, "1", "男", "Male"),
        new(Sex.Female, "2", "女", "Female"));

    /// <summary>
    /// Ethnic groups by GB/T 3304-1991. (The project reference once gave 苗族 05 and 土家族 07; the
    /// standard's codes are 06 and 15, and the standard is what registers use.)
    /// </summary>
    public static readonly CodeList<string> Ethnicities = new("民族", "Ethnicity",
        Ethnic("01", "汉族", "Han"), Ethnic("02", "蒙古族", "Mongol"), Ethnic("03", "回族", "Hui"),
        Ethnic("04", "藏族", "Tibetan"), Ethnic("05", "维吾尔族", "Uyghur"), Ethnic("06", "苗族", "Miao"),
        Ethnic("07", "彝族", "Yi"), Ethnic("08", "壮族", "Zhuang"), Ethnic("09", "布依族", "Bouyei"),
        Ethnic("10", "朝鲜族", "Korean"), Ethnic("11", "满族", "Manchu"), Ethnic("12", "侗族", "Dong"),
        Ethnic("13", "瑶族", "Yao"), Ethnic("14", "白族", "Bai"), Ethnic("15", "土家族", "Tujia"),
        Ethnic("16", "哈尼族", "Hani"), Ethnic("17", "哈萨克族", "Kazakh"), Ethnic("18", "傣族", "Dai"),
        Ethnic("19", "黎族", "Li"), Ethnic("20", "傈僳族", "Lisu"), Ethnic("21", "佤族", "Va"),
        Ethnic("22", "畲族", "She"), Ethnic("23", "高山族", "Gaoshan"), Ethnic("24", "拉祜族", "Lahu"),
        Ethnic("25", "水族", "Sui"), Ethnic("26", "东乡族", "Dongxiang"), Ethnic("27", "纳西族", "Naxi"),
        Ethnic("28", "景颇族", "Jingpo"), Ethnic("29", "柯尔克孜族", "Kyrgyz"), Ethnic("30", "土族", "Tu"),
        Ethnic("31", "达斡尔族", "Daur"), Ethnic("32", "仫佬族", "Mulao"), Ethnic("33", "羌族", "Qiang"),
        Ethnic("34", "布朗族", "Blang"), Ethnic("35", "撒拉族", "Salar"), Ethnic("36", "毛南族", "Maonan"),
        Ethnic("37", "仡佬族", "Gelao"), Ethnic("38", "锡伯族", "Xibe"), Ethnic("39", "阿昌族", "Achang"),
        Ethnic("40", "普米族", "Pumi"), Ethnic("41", "塔吉克族", "Tajik"), Ethnic("42", "怒族", "Nu"),
        Ethnic("43", "乌孜别克族", "Uzbek"), Ethnic("44", "俄罗斯族", "Russian"), Ethnic("45", "鄂温克族", "Evenki"),
        Ethnic("46", "德昂族", "De'ang"), Ethnic("47", "保安族", "Bonan"), Ethnic("48", "裕固族", "Yugur"),
        Ethnic("49", "京族", "Gin"), Ethnic("50", "塔塔尔族", "Tatar"), Ethnic("51", "独龙族", "Derung"),
        Ethnic("52", "鄂伦春族", "Oroqen"), Ethnic("53", "赫哲族", "Hezhen"), Ethnic("54", "门巴族", "Monba"),
        Ethnic("55", "珞巴族", "Lhoba"), Ethnic("56", "基诺族", "Jino"), Ethnic("97", "其他", "Other"),
        Ethnic("98", "外国血统中国籍人士", "Naturalised citizen of foreign origin"));

    private static CodeItem<string> Ethnic(string code, string zh, string en) => new(code, code, zh, en);
}
