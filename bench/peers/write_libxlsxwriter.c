/* C libxlsxwriter in constant-memory mode (inline strings, default compression):
 * write_libxlsxwriter OUT ROWS writes the write benchmark's table, the same cells
 * as write_table.py and Sources/HuanxinBench/WriteTable.swift (change all three
 * together). Built by bench/run.py: gcc -O2 ... $(pkg-config --libs xlsxwriter). */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

static const char *header[] = {"地区代码", "地区名称", "部门", "指标代码", "期间", "数值", "单位", "备注"};
static const char *counties[][2] = {
    {"370102", "历下区"}, {"370215", "即墨区"}, {"370503", "河口区"}, {"370702", "潍城区"},
    {"370830", "汶上县"}, {"371102", "东港区"}, {"371403", "陵城区"}, {"371602", "滨城区"}};
/* Code, department, unit, whether the figure has decimals. */
static const struct { const char *code, *department, *unit; int has_decimals; } indicators[] = {
    {"nev_stock", "商务局", "辆", 0},
    {"used_car_trades", "商务局", "辆", 0},
    {"industrial_output", "工业和信息化局", "万元", 1},
    {"tech_upgrade_investment", "工业和信息化局", "万元", 1},
    {"farm_machinery_purchased", "农业农村局", "台", 0},
    {"crop_sown_area", "农业农村局", "亩", 1}};
static const char *remarks[] = {"", "已核实", "含以旧换新补贴车辆，已报市局", "按\"以旧换新\"口径统计", "第二批次\n待复核"};

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: write_libxlsxwriter OUT ROWS\n");
        return 2;
    }
    long rows = atol(argv[2]);
    char periods[40][8];
    for (int m = 0; m < 40; m++) snprintf(periods[m], sizeof periods[m], "%d-%02d", 2023 + m / 12, m % 12 + 1);

    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(argv[1], &options);
    if (!workbook) return 1;
    lxw_doc_properties properties = {.created = 1717200000}; /* 2024-06-01T00:00:00Z, for repeatable bytes */
    workbook_set_properties(workbook, &properties);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "报送表");
    for (int c = 0; c < 8; c++) worksheet_write_string(sheet, 0, c, header[c], NULL);
    for (long i = 0; i < rows; i++) {
        lxw_row_t r = (lxw_row_t)(i + 1);
        const char **county = counties[i % 8];
        int k = (int)((i / 8) % 6);
        worksheet_write_string(sheet, r, 0, county[0], NULL);
        worksheet_write_string(sheet, r, 1, county[1], NULL);
        worksheet_write_string(sheet, r, 2, indicators[k].department, NULL);
        worksheet_write_string(sheet, r, 3, indicators[k].code, NULL);
        worksheet_write_string(sheet, r, 4, periods[(i / 48) % 40], NULL);
        double value = indicators[k].has_decimals ? (double)((i * 104729) % 20000000) / 100 : (double)((i * 7919) % 5000);
        worksheet_write_number(sheet, r, 5, value, NULL);
        worksheet_write_string(sheet, r, 6, indicators[k].unit, NULL);
        if (i % 5) worksheet_write_string(sheet, r, 7, remarks[i % 5], NULL);
    }
    lxw_error error = workbook_close(workbook);
    if (error) {
        fprintf(stderr, "write_libxlsxwriter: %s\n", lxw_strerror(error));
        return 1;
    }
    return 0;
}
