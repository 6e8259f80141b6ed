using System.Globalization;
using System.Text;
using Tuopin.Application.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Testing;

/// <summary>
/// A registry file in the import template (docs/import-template.md), as big as a test needs: households
/// of four (head, spouse, son, daughter) spread over Laifeng's villages, each member with a resident ID
/// never used before in the test run, households grouped as the export writes them.
/// </summary>
public static class CountyFile
{
    public const string Header = "户编号,乡镇,行政村,村民小组,识别年度,主要致贫原因,贫困户属性,姓名,证件号码,与户主关系,民族,2016年工资性收入,2016年生产经营性支出";

    private static readonly (string Relation, Sex Sex, string Name)[] Family =
        [("户主", Sex.Male, "田大山"), ("配偶", Sex.Female, "向秀英"), ("之子", Sex.Male, "田小山"), ("之女", Sex.Female, "田小花")];

    /// <summary>Writes <paramref name="households"/> households numbered from <paramref name="firstNumber"/>; returns the rows written.</summary>
    public static int Write(string path, int households, int firstNumber = 1, int membersPerHousehold = 4)
    {
        var villages = CountyDataSet.Laifeng().Villages.Where(v => !v.IsCommunity).Take(40).ToList();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(Header + "\r\n");
        var rows = 0;
        for (var i = 0; i < households; i++)
        {
            var n = firstNumber + i;
            var number = "4228279" + n.ToString("D9", CultureInfo.InvariantCulture);
            var village = villages[n % villages.Count];
            for (var m = 0; m < membersPerHousehold; m++)
            {
                var (relation, sex, name) = Family[m % Family.Length];
                var id = Build.NewResidentId(sex).Value;
                writer.Write(string.Join(",", number, village.TownshipName, village.Name, "一组", "2014", "因病", "一般贫困户", name, id, relation, "土家族", "5000", "300"));
                writer.Write("\r\n");
                rows++;
            }
        }
        return rows;
    }
}
