using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;

namespace Tuopin.Application.Organisation;

/// <summary>
/// The demo's organisation, a step after the assistance work (whose work teams the village teams show): the plan's
/// leading group (县实施精准扶贫收入倍增工作领导小组) and its ten working groups by the plan's names; six special teams
/// (the plan counts them but does not name them: their names are illustrative); Laifeng's county departments — those
/// the plan names as responsible units under the plan's short names as aliases (县经信局, 县卫计局, 县文体广新局 …) and
/// those that station work teams — each a member of one working group; each township's poverty office; a team for each
/// poor village. People are synthetic (DemoSeed stream "organisation"). Gaps left on purpose (<see cref="Left"/>):
/// the tourism bureau has no head named, and two poor villages' party secretaries are not named; villages whose work
/// team was recalled (the assistance demo's) lack a team leader. Then the plan's responsible units are matched and
/// recorded: 片区开发 (in 县扶贫办（片区开发）) is the one name no unit answers to.
/// </summary>
public static class LoadDemoOrganisation
{
    public sealed record Gaps(string DepartmentWithoutHead, int VillagesWithoutSecretary);

    public static readonly Gaps Left = new("县旅游局", 2);

    public sealed record Result(int Units, int People, int Matched, int Unmatched);

    /// <summary>The plan's ten working groups (4(1)), in its order.</summary>
    public static readonly string[] WorkingGroups = ["综合协调", "产业发展", "基础建设", "扶贫搬迁", "环境治理", "投资融资", "信息管理", "公共服务", "督办评估", "执纪问责"];

    /// <summary>Illustrative: the plan says the office has six special teams (工作专班) without naming them.</summary>
    public static readonly string[] SpecialTeams = ["建档立卡专班", "项目推进专班", "资金监管专班", "驻村帮扶专班", "产业扶贫专班", "宣传信息专班"];

    /// <summary>The county's departments: name, aliases (the plan's names), the account department, the working group it is a member of.</summary>
    private static readonly (string Name, string? Aliases, Department? Department, string Group)[] DepartmentList =
    [
        ("县扶贫开发办公室", "县扶贫办、领导小组办公室", null, "综合协调"),
        ("县委组织部", null, null, "综合协调"),
        ("县农业局", "农业局", Department.Agriculture, "产业发展"),
        ("县林业局", "林业局", Department.Forestry, "产业发展"),
        ("县畜牧兽医局", "县畜牧局", null, "产业发展"),
        ("县旅游局", null, null, "产业发展"),
        ("县交通运输局", "交通运输局", Department.Transport, "基础建设"),
        ("县水利局", "水利局", Department.Water, "基础建设"),
        ("国网来凤县供电公司", "县供电公司、供电公司", Department.Power, "基础建设"),
        ("县经济和信息化局", "县经信局、经信局（通信）", Department.Telecom, "基础建设"),
        ("县住房和城乡建设局", "县住建局、住建局", Department.Housing, "扶贫搬迁"),
        ("县发展和改革局", "县发改局、发改局", Department.Development, "扶贫搬迁"),
        ("县国土资源局", null, null, "扶贫搬迁"),
        ("县环境保护局", "县环保局", null, "环境治理"),
        ("县财政局", null, null, "投资融资"),
        ("县政府金融办", "县金融办、金融办", Department.Finance, "投资融资"),
        ("来凤农村商业银行", null, null, "投资融资"),
        ("县统计局", null, null, "信息管理"),
        ("县教育局", "教育局", Department.Education, "公共服务"),
        ("县卫生和计划生育局", "县卫计局、卫计局", Department.Health, "公共服务"),
        ("县民政局", "民政局", Department.CivilAffairs, "公共服务"),
        ("县人力资源和社会保障局", "县人社局、人社局", Department.HumanResources, "公共服务"),
        ("县文体广电新闻出版局", "县文体广新局、文体广电局", Department.Culture, "公共服务"),
        ("县人民医院", null, null, "公共服务"),
        ("县委政府督查室", null, null, "督办评估"),
        ("县审计局", null, null, "督办评估"),
        ("县纪委", "县纪委监察局", null, "执纪问责"),
        ("县公安局", null, null, "执纪问责"),
    ];

    private static readonly string[] Surnames = ["田", "向", "彭", "杨", "张", "李", "王", "刘", "黄", "陈", "覃", "冉", "龙", "吴", "姚", "滕", "邓", "胡", "周", "谭", "舒", "朱"];
    private static readonly string[] GivenChars = ["国", "建", "明", "志", "永", "德", "光", "春", "玉", "秀", "学", "文", "华", "军", "平", "勇", "红", "丽", "海", "林", "世", "家", "兴", "忠"];

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator("演示数据");
        if (await db.OrgUnits.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有组织机构，不再载入演示数据", "This database already holds the organisation; the demo's is not loaded"));
        var random = new Random(DemoSeed.Of(seed, "organisation"));
        string Name() => Surnames[random.Next(Surnames.Length)] + GivenChars[random.Next(GivenChars.Length)] + (random.NextDouble() < 0.7 ? GivenChars[random.Next(GivenChars.Length)] : string.Empty);
        var countyId = await db.Counties.Select(c => c.Id).SingleAsync(ct);
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var villages = await db.Villages.AsNoTracking().Where(v => v.IsPoor).OrderBy(v => v.Code)
            .Select(v => new { v.Id, v.Name, v.TownshipId, Township = v.Township!.Name }).ToListAsync(ct);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var units = new List<OrgUnit>();
        var people = new List<UnitPerson>();
        OrgUnit Add(UnitKind kind, string name, int order, Guid? parent = null, string? aliases = null, string? duty = null, Department? department = null, Guid? township = null, Guid? village = null)
        {
            var u = new OrgUnit
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, Kind = kind, Name = name, Aliases = aliases, ParentId = parent, Duty = duty,
                Department = department, TownshipId = township, VillageId = village, Order = order, Version = 1, UpdatedAt = now,
            };
            units.Add(u);
            return u;
        }
        void Person(OrgUnit u, string position, bool leader = false, bool first = false, int order = 0) =>
            people.Add(new UnitPerson
            {
                Id = Guid.CreateVersion7(), UnitId = u.Id, CountyId = countyId, Name = Name(), Position = position, IsLeader = leader,
                IsFirstResponsible = first, Order = order, Version = 1, UpdatedAt = now,
            });

        var leading = Add(UnitKind.LeadingGroup, "县实施精准扶贫收入倍增工作领导小组", 0,
            aliases: "县扶贫倍增领导小组、县精准扶贫收入倍增领导小组、指挥部", duty: "负责“减贫摘帽”总体协调推进工作");
        Person(leading, "组长、县委书记", leader: true, first: true);
        Person(leading, "常务副组长、县长", order: 1);
        Person(leading, "副组长、县委副书记", order: 2);
        Person(leading, "办公室主任、县扶贫办主任", order: 3);
        var groups = new Dictionary<string, OrgUnit>();
        for (var i = 0; i < WorkingGroups.Length; i++)
        {
            var g = Add(UnitKind.WorkingGroup, WorkingGroups[i] + "组", i + 1, leading.Id, aliases: WorkingGroups[i] + "工作组");
            groups[WorkingGroups[i]] = g;
            Person(g, i % 2 == 0 ? "组长、副县长" : "组长、县委常委", leader: true);
        }
        for (var i = 0; i < SpecialTeams.Length; i++)
        {
            var t = Add(UnitKind.SpecialTeam, SpecialTeams[i], i + 1, leading.Id, duty: "领导小组办公室工作专班（名称为示意）");
            Person(t, "专班负责人", leader: true);
            Person(t, "专班成员", order: 1);
        }
        for (var i = 0; i < DepartmentList.Length; i++)
        {
            var (name, aliases, department, group) = DepartmentList[i];
            var d = Add(UnitKind.Department, name, i + 1, groups[group].Id, aliases, department: department);
            if (name == Left.DepartmentWithoutHead) continue;
            // 驻村单位主要领导是驻村扶贫、精准脱贫的第一责任人 (4(1)).
            Person(d, name.EndsWith("公司", StringComparison.Ordinal) || name.EndsWith("银行", StringComparison.Ordinal) ? "总经理" : name.EndsWith("部", StringComparison.Ordinal) ? "部长" : "主要负责人", leader: true, first: true);
            Person(d, "扶贫工作联络员", order: 1);
        }
        for (var i = 0; i < townships.Count; i++)
        {
            var t = townships[i];
            var office = Add(UnitKind.TownshipOffice, t.Name + "扶贫开发办", i + 1, township: t.Id, duty: "乡镇精准扶贫和“减贫摘帽”工作的实施主体");
            Person(office, "第一主任、乡镇分管副书记", first: true);
            Person(office, "主任", leader: true, order: 1);
            Person(office, "扶贫信息员", order: 2);
            Person(office, "脱贫管理员", order: 3);
            Person(office, "项目实施员", order: 4);
        }
        var withoutSecretary = villages.Select((v, i) => (v, i)).Where(x => x.i % 17 == 5).Take(Left.VillagesWithoutSecretary).Select(x => x.v.Id).ToHashSet();
        for (var i = 0; i < villages.Count; i++)
        {
            var v = villages[i];
            var team = Add(UnitKind.VillageTeam, $"{v.Township}{v.Name}脱贫责任组", i + 1, township: v.TownshipId, village: v.Id);
            // 村支部书记和驻村工作队长是村精准扶贫的第一责任人 (4(1)); the team leader is the work team's, from the assistance work.
            if (!withoutSecretary.Contains(v.Id)) Person(team, "村支部书记", leader: true, first: true);
            Person(team, "村委会主任", order: 1);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.OrgUnits.AddRange(units.Where(u => u.ParentId is null));
        await db.SaveChangesAsync(ct);
        db.OrgUnits.AddRange(units.Where(u => u.ParentId == leading.Id));
        await db.SaveChangesAsync(ct);
        db.OrgUnits.AddRange(units.Where(u => u.ParentId is not null && u.ParentId != leading.Id));
        db.UnitPeople.AddRange(people);
        await db.SaveChangesAsync(ct);
        var match = await MatchPlanResponsibility.RunAsync(db, db.Actor, now, record: true, ct);
        await transaction.CommitAsync(ct);
        return new Result(units.Count, people.Count, match.Matched, match.Unmatched.Count);
    }
}
