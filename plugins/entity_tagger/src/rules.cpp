#include "rules.hpp"

#include <initializer_list>
#include <unordered_map>

#include "hashing.hpp"

namespace entity_tagger {
namespace {

enum WordClass : std::uint32_t {
    wc_month = 1u << 0,
    wc_month_ambiguous = 1u << 1,  // May, March: only with a day or year next to them
    wc_spun_month = 1u << 2,       // "Might": synonym spinning's "May"; only before a day
    wc_weekday = 1u << 3,
    wc_relative_day = 1u << 4,
    wc_date_unit = 1u << 5,
    wc_date_modifier = 1u << 6,
    wc_year_context = 1u << 7,
    wc_time_suffix = 1u << 8,
    wc_time_word = 1u << 9,
    wc_time_zone = 1u << 10,
    wc_currency_symbol = 1u << 11,
    wc_currency_word = 1u << 12,
    wc_scale = 1u << 13,
    wc_percent = 1u << 14,
    wc_unit = 1u << 15,
    wc_ordinal = 1u << 16,
    wc_number_word = 1u << 17,
    wc_ordinal_context = 1u << 18,
    wc_norp = 1u << 19,
    wc_possessive = 1u << 20,
    wc_ago = 1u << 21,
    wc_facility = 1u << 22,
    wc_natural = 1u << 23,
};

const std::unordered_map<std::uint64_t, std::uint32_t>& word_classes() {
    static const auto table = [] {
        std::unordered_map<std::uint64_t, std::uint32_t> t;
        auto add = [&](std::uint32_t cls, std::initializer_list<std::string_view> words) {
            for (auto w : words) t[hash_bytes(w, true)] |= cls;
        };
        add(wc_month,
            {"january",  "february", "april", "june", "july", "august", "september", "october",
             "november", "december", "jan.",  "feb.", "mar.", "apr.",   "jun.",      "jul.",
             "aug.",     "sep.",     "sept.", "oct.", "nov.", "dec."});
        add(wc_month_ambiguous, {"may", "march", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                 "sep", "sept", "oct", "nov", "dec"});
        add(wc_spun_month, {"might"});
        add(wc_weekday,
            {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"});
        add(wc_relative_day, {"today", "yesterday", "tomorrow"});
        add(wc_date_unit, {"day", "days", "week", "weeks", "month", "months", "year", "years",
                           "decade", "decades", "century", "centuries", "weekend", "quarter"});
        add(wc_date_modifier, {"last", "next", "this", "previous", "coming", "past"});
        add(wc_year_context, {"in",      "since",  "by",     "until",  "till",   "from",   "of",
                              "during",  "before", "after",  "early",  "late",   "mid",    "around",
                              "through", "year",   "summer", "winter", "spring", "autumn", "fall"});
        add(wc_time_suffix, {"a.m.", "p.m.", "a.m", "p.m", "am", "pm"});
        add(wc_time_word, {"noon", "midnight"});
        add(wc_time_zone, {"gmt", "utc", "et", "est", "edt", "pt", "pst", "pdt", "cet", "bst"});
        add(wc_currency_symbol, {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "us$"});
        add(wc_currency_word,
            {"dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan", "cents", "rupees",
             "francs", "pesos", "rubles", "roubles", "won", "renminbi", "rand", "dinars", "lira"});
        add(wc_scale, {"million", "billion", "trillion", "thousand", "hundred", "bn", "mln",
                       "millions", "billions", "thousands", "hundreds"});
        add(wc_percent, {"%", "percent", "pct", "per cent"});
        add(wc_unit, {"km",    "kilometers", "kilometres", "kilometer", "kilometre", "miles",
                      "mile",  "meters",     "metres",     "meter",     "metre",     "feet",
                      "foot",  "inches",     "kg",         "kilograms", "tons",      "tonnes",
                      "acres", "hectares",   "barrels",    "degrees",   "mph",       "cm",
                      "mm",    "gallons",    "liters",     "litres",    "megawatts", "gigawatts"});
        add(wc_ordinal,
            {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth", "twentieth", "hundredth"});
        add(wc_number_word,
            {"two",     "three",     "four",     "five",     "six",      "seven",    "eight",
             "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen", "fifteen",
             "sixteen", "seventeen", "eighteen", "nineteen", "twenty",   "thirty",   "forty",
             "fifty",   "sixty",     "seventy",  "eighty",   "ninety",   "dozen",    "dozens"});
        add(wc_ordinal_context, {"the", "his", "her", "its", "their", "our", "my", "this", "'s",
                                 "\xE2\x80\x99s", "whose", "every"});
        add(wc_norp, {"republican", "republicans", "democrat",   "democrats",   "muslim",
                      "muslims",    "christian",   "christians", "jewish",      "jews",
                      "jew",        "catholic",    "catholics",  "protestant",  "protestants",
                      "buddhist",   "buddhists",   "hindu",      "hindus",      "sunni",
                      "sunnis",     "shia",        "shiite",     "shiites",     "communist",
                      "communists", "islamist",    "islamists",  "evangelical", "evangelicals",
                      "sikh",       "sikhs",       "kurdish",    "kurds",       "palestinians",
                      "latino",     "latinos",     "hispanic",   "asian",       "african",
                      "european",   "europeans",   "arab",       "arabs"});
        add(wc_possessive, {"'s", "\xE2\x80\x99s"});
        add(wc_ago, {"ago", "earlier", "later"});
        add(wc_facility,
            {"airport", "bridge",    "street", "avenue", "road",    "square",    "station",
             "tower",   "stadium",   "palace", "hall",   "highway", "boulevard", "building",
             "museum",  "cathedral", "church", "temple", "mosque",  "park",      "port",
             "harbour", "harbor",    "center", "centre", "house",   "castle",    "dam",
             "canal",   "tunnel",    "st.",    "ave.",   "blvd."});
        add(wc_natural,
            {"river",     "sea",    "ocean",      "mountain", "mountains",     "mount",
             "mt.",       "lake",   "valley",     "desert",   "island",        "islands",
             "peninsula", "gulf",   "bay",        "coast",    "strait",        "africa",
             "europe",    "asia",   "antarctica", "america",  "oceania",       "himalayas",
             "alps",      "arctic", "atlantic",   "pacific",  "mediterranean", "middle",
             "east",      "west",   "north",      "south",    "forest",        "plain",
             "plains",    "basin",  "canyon",     "creek",    "hill",          "hills"});
        return t;
    }();
    return table;
}

std::uint32_t classes_of(std::uint64_t lower_hash) {
    const auto& t = word_classes();
    auto it = t.find(lower_hash);
    return it == t.end() ? 0 : it->second;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Digits with "," "." ":" inside, as the SDK tokenizer keeps them together.
bool is_number(std::string_view t) {
    if (t.empty() || !is_digit(t[0])) return false;
    for (char c : t) {
        if (!is_digit(c) && c != ',' && c != '.' && c != ':') return false;
    }
    return is_digit(t.back());
}

int small_integer(std::string_view t) {
    if (t.empty() || t.size() > 4) return -1;
    int v = 0;
    for (char c : t) {
        if (!is_digit(c)) return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

bool is_day(std::string_view t) {
    const int v = small_integer(t);
    return v >= 1 && v <= 31 && t.size() <= 2;
}

bool is_year(std::string_view t) {
    const int v = small_integer(t);
    return t.size() == 4 && v >= 1000 && v <= 2100;
}

// 1st, 22nd, 5th
bool is_digit_ordinal(std::string_view t) {
    if (t.size() < 3 || !is_digit(t[0])) return false;
    std::size_t i = 0;
    while (i < t.size() && is_digit(t[i])) ++i;
    const auto suffix = t.substr(i);
    return suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

bool is_day_or_ordinal_day(std::string_view t) {
    if (is_day(t)) return true;
    if (!is_digit_ordinal(t)) return false;
    return is_day(t.substr(0, t.size() - 2));
}

// 1990s, '90s
bool is_decade(std::string_view t) {
    return t.size() == 5 && is_year(t.substr(0, 4)) && t[3] == '0' && t[4] == 's';
}

bool adjacent(std::string_view a, std::string_view b) {
    return a.data() + a.size() == b.data();
}

}  // namespace

const std::vector<std::string_view>& title_phrases() {
    static const std::vector<std::string_view> titles = {"President",
                                                         "Vice President",
                                                         "Prime Minister",
                                                         "Deputy Prime Minister",
                                                         "Chancellor",
                                                         "Premier",
                                                         "Secretary",
                                                         "Secretary of State",
                                                         "Secretary-General",
                                                         "Foreign Minister",
                                                         "Defense Secretary",
                                                         "Defence Secretary",
                                                         "Minister",
                                                         "Senator",
                                                         "Sen.",
                                                         "Rep.",
                                                         "Representative",
                                                         "Congressman",
                                                         "Congresswoman",
                                                         "Gov.",
                                                         "Governor",
                                                         "Mayor",
                                                         "King",
                                                         "Queen",
                                                         "Prince",
                                                         "Princess",
                                                         "Pope",
                                                         "Gen.",
                                                         "Col.",
                                                         "Lt.",
                                                         "Capt.",
                                                         "Sgt.",
                                                         "Adm.",
                                                         "Admiral",
                                                         "Mr.",
                                                         "Mrs.",
                                                         "Ms.",
                                                         "Dr.",
                                                         "Prof.",
                                                         "Professor",
                                                         "Judge",
                                                         "Chief Justice",
                                                         "Chairman",
                                                         "Chairwoman",
                                                         "Speaker",
                                                         "Ambassador",
                                                         "Sheikh",
                                                         "Ayatollah",
                                                         "Archbishop",
                                                         "Bishop",
                                                         "Rev.",
                                                         "Cardinal",
                                                         "Sir",
                                                         "Dame",
                                                         "Lord",
                                                         "Lady",
                                                         "Emperor",
                                                         "Empress",
                                                         "Sultan",
                                                         "Crown Prince",
                                                         "Commissioner",
                                                         "Coach",
                                                         "Pastor",
                                                         "Rabbi",
                                                         "Imam",
                                                         "Detective",
                                                         "Sergeant",
                                                         "Captain",
                                                         "Lieutenant",
                                                         "Colonel",
                                                         "Mr",
                                                         "Mrs",
                                                         "Ms",
                                                         "Dr"};
    return titles;
}

const std::vector<std::string_view>& location_words() {
    static const std::vector<std::string_view> words = {
        "River",  "Sea",    "Ocean",  "Mountain", "Mountains", "Mount",   "Mt.",     "Lake",
        "Valley", "Desert", "Island", "Islands",  "Peninsula", "Gulf",    "Bay",     "Coast",
        "Strait", "Street", "Avenue", "Road",     "Square",    "Park",    "County",  "Province",
        "State",  "City",   "Region", "District", "Airport",   "Bridge",  "Canal",   "Forest",
        "Hill",   "Hills",  "Beach",  "Harbor",   "Harbour",   "Station", "Village", "Town"};
    return words;
}

const std::vector<std::string_view>& organisation_words() {
    static const std::vector<std::string_view> words = {
        "University",  "College",    "Institute",   "Ministry",     "Department",
        "Agency",      "Council",    "Committee",   "Commission",   "Party",
        "Association", "Company",    "Corporation", "Corp.",        "Inc.",
        "Ltd.",        "Co.",        "Group",       "Bank",         "Foundation",
        "Society",     "Union",      "League",      "Organization", "Organisation",
        "Federation",  "Authority",  "Board",       "Court",        "Police",
        "Army",        "Navy",       "Force",       "Press",        "News",
        "Times",       "Post",       "Journal",     "Network",      "Club",
        "Airlines",    "Airways",    "Motors",      "Technologies", "Systems",
        "Holdings",    "Industries", "Services",    "Bureau",       "Office",
        "Parliament",  "Congress",   "Senate",      "Assembly",     "Reuters",
        "Associated",  "Service",    "Fund",        "Trust",        "Center",
        "Centre",      "School",     "Hospital",    "Church",       "Team",
        "FC",          "Inc",        "Ltd",         "LLC",          "plc",
        "AG",          "GmbH",       "SA"};
    return words;
}

bool is_facility_word(std::uint64_t lower_hash) {
    return classes_of(lower_hash) & wc_facility;
}
bool is_natural_location_word(std::uint64_t lower_hash) {
    return classes_of(lower_hash) & wc_natural;
}

void find_rule_entities(const std::string_view* tok, const TokenInfo* info, const GazMask* gaz,
                        std::size_t n, std::vector<RuleMatch>& out) {
    out.clear();
    auto cls = [&](std::size_t k) -> std::uint32_t {
        return k < n ? classes_of(info[k].lower) : 0;
    };
    auto cap = [&](std::size_t k) { return k < n && (info[k].flags & flag_init_cap); };
    auto number = [&](std::size_t k) { return k < n && is_number(tok[k]); };
    auto text = [&](std::size_t k) -> std::string_view { return k < n ? tok[k] : ""; };
    // Extends past "3.5 million" style scales.
    auto skip_scales = [&](std::size_t k) {
        while (k < n && (cls(k) & wc_scale)) ++k;
        return k;
    };

    for (std::size_t i = 0; i < n;) {
        const std::uint32_t c = cls(i);
        const std::string_view t = tok[i];

        // MONEY: $5, US$ 3.2 billion, €40
        if ((c & wc_currency_symbol) && number(i + 1)) {
            std::size_t first = i;
            if (i > 0 && tok[i - 1] == "US" && adjacent(tok[i - 1], t)) first = i - 1;
            const std::size_t last = skip_scales(i + 2);
            out.push_back({first, last, "MONEY"});
            i = last;
            continue;
        }
        // DATE with the day first: 5 June 2024
        if (is_day_or_ordinal_day(t) && cap(i + 1) &&
            (cls(i + 1) & (wc_month | wc_month_ambiguous))) {
            std::size_t last = i + 2;
            if (is_year(text(last))) ++last;
            out.push_back({i, last, "DATE"});
            i = last;
            continue;
        }
        if (number(i) || (c & wc_number_word)) {
            const std::size_t after = skip_scales(i + 1);
            const std::uint32_t next = cls(after);
            if (number(i) && (next & wc_currency_word)) {
                out.push_back({i, after + 1, "MONEY"});
                i = after + 1;
                continue;
            }
            if (number(i) && (next & wc_percent)) {
                out.push_back({i, after + 1, "PERCENT"});
                i = after + 1;
                continue;
            }
            if (number(i) && text(after) == "per" && text(after + 1) == "cent") {
                out.push_back({i, after + 2, "PERCENT"});
                i = after + 2;
                continue;
            }
            if (number(i) && (next & wc_time_suffix)) {
                std::size_t last = after + 1;
                if (cls(last) & wc_time_zone) ++last;
                out.push_back({i, last, "TIME"});
                i = last;
                continue;
            }
            // 90-day, 10-year: durations are DATE in OntoNotes
            if (number(i) && text(i + 1) == "-" && (cls(i + 2) & wc_date_unit) &&
                adjacent(t, tok[i + 1]) && adjacent(tok[i + 1], tok[i + 2])) {
                out.push_back({i, i + 3, "DATE"});
                i += 3;
                continue;
            }
            if ((next & wc_date_unit) && (cls(after + 1) & wc_ago)) {
                out.push_back({i, after + 2, "DATE"});
                i = after + 2;
                continue;
            }
            if (next & wc_unit) {
                out.push_back({i, after + 1, "QUANTITY"});
                i = after + 1;
                continue;
            }
        }
        // TIME: 10:30, noon
        if (number(i) && t.find(':') != std::string_view::npos && t.size() <= 5) {
            std::size_t last = i + 1;
            if (cls(last) & wc_time_zone) ++last;
            out.push_back({i, last, "TIME"});
            i = last;
            continue;
        }
        if (c & wc_time_word) {
            out.push_back({i, i + 1, "TIME"});
            ++i;
            continue;
        }
        // DATE: [Monday,] [5] June [5][, 2025] ; May 12 ; Might 12 (spun text)
        const bool month_here = ((c & wc_month) && cap(i)) ||
                                ((c & wc_month_ambiguous) && cap(i)) ||
                                ((c & wc_spun_month) && cap(i) && is_day(text(i + 1)));
        const bool weekday_here = (c & wc_weekday) && cap(i);
        if (month_here || weekday_here) {
            std::size_t first = i, last = i + 1;
            std::size_t m = i;
            if (weekday_here) {
                std::size_t k = i + 1;
                if (text(k) == ",") ++k;
                const std::uint32_t ck = cls(k);
                if (cap(k) && ((ck & wc_month) || (ck & wc_month_ambiguous))) {
                    m = k;
                } else {
                    out.push_back({i, i + 1, "DATE"});
                    ++i;
                    continue;
                }
            }
            last = m + 1;
            bool has_number = false;
            if (is_day_or_ordinal_day(text(m + 1))) {
                last = m + 2;
                has_number = true;
                if (text(last) == "," && is_year(text(last + 1))) {
                    last += 2;
                } else if (is_year(text(last))) {
                    last += 1;
                }
            } else if (is_year(text(m + 1))) {
                last = m + 2;
                has_number = true;
            }
            if (m == i && i > 0 && is_day_or_ordinal_day(tok[i - 1]) &&
                (out.empty() || out.back().last < i)) {
                first = i - 1;
                has_number = true;
            }
            const std::uint32_t cm = cls(m);
            const bool plain_month = (cm & wc_month) != 0;
            if (plain_month || has_number || m != i) {
                out.push_back({first, last, "DATE"});
                i = last;
                continue;
            }
        }
        if (c & wc_relative_day) {
            out.push_back({i, i + 1, "DATE"});
            ++i;
            continue;
        }
        if ((c & wc_date_modifier) && (cls(i + 1) & wc_date_unit) && !(cls(i + 1) & wc_ago)) {
            const auto u = text(i + 1);
            if (u == "year" || u == "week" || u == "month" || u == "weekend" || u == "decade" ||
                u == "century" || u == "quarter") {
                out.push_back({i, i + 2, "DATE"});
                i += 2;
                continue;
            }
        }
        if (is_decade(t)) {
            const std::size_t first = (i > 0 && tok[i - 1] == "the") ? i - 1 : i;
            out.push_back({first, i + 1, "DATE"});
            ++i;
            continue;
        }
        if (is_year(t) &&
            ((i > 0 && (cls(i - 1) & wc_year_context)) || (cls(i + 1) & wc_possessive))) {
            out.push_back({i, i + 1, "DATE"});
            ++i;
            continue;
        }
        // ORDINAL: the first, Trump's second; 21st
        if (((c & wc_ordinal) && i > 0 && (cls(i - 1) & wc_ordinal_context)) ||
            is_digit_ordinal(t)) {
            out.push_back({i, i + 1, "ORDINAL"});
            ++i;
            continue;
        }
        // CARDINAL: 2, 1,000, three million
        if (number(i) || (c & wc_number_word)) {
            const std::size_t last = skip_scales(i + 1);
            out.push_back({i, last, "CARDINAL", 0.9f});
            i = last;
            continue;
        }
        // NORP: demonyms from the gazetteer, and political / religious groups
        const GazMask demonym = gaz_bit(GazCategory::demonym);
        if (cap(i) && (gaz_begin_mask(gaz[i]) & demonym)) {
            std::size_t last = i + 1;
            while (last < n && (gaz_inside_mask(gaz[last]) & demonym)) ++last;
            out.push_back({i, last, "NORP", 0.9f});
            i = last;
            continue;
        }
        if (cap(i) && (c & wc_norp)) {
            out.push_back({i, i + 1, "NORP", 0.9f});
            ++i;
            continue;
        }
        // PERSON after a title: "President Xi Jinping", "Sen. Elizabeth Warren"
        const GazMask title = gaz_bit(GazCategory::title);
        if (cap(i) && (gaz_begin_mask(gaz[i]) & title)) {
            std::size_t k = i + 1;
            while (k < n && (gaz_inside_mask(gaz[k]) & title)) ++k;
            std::size_t last = k;
            const GazMask not_name = title | demonym | gaz_bit(GazCategory::calendar) |
                                     gaz_bit(GazCategory::org_word) |
                                     gaz_bit(GazCategory::location_word);
            while (last < n && last < k + 4 && cap(last) && !(info[last].flags & flag_punct) &&
                   !(gaz_begin_mask(gaz[last]) & not_name) && !(cls(last) & wc_possessive)) {
                ++last;
            }
            // "King Abdullah University": the capitalised words run on into an organisation or
            // place, so the title starts a longer name, not a person's.
            const GazMask not_person =
                gaz_bit(GazCategory::org_word) | gaz_bit(GazCategory::location_word);
            const bool runs_on = last < n && cap(last) && (gaz_begin_mask(gaz[last]) & not_person);
            if (last > k && !runs_on) {
                out.push_back({k, last, "PERSON", 0.95f});
                i = last;
                continue;
            }
        }
        ++i;
    }
}

}  // namespace entity_tagger
