#include "generator/name_pools.hpp"

#include <array>

namespace sm::generator {
namespace {
using SV = std::string_view;
using W = Weighted<std::string_view>;

// English and Welsh families (the pool also feeds mixed-heritage and Caribbean forenames).
constexpr auto kEnglishBoys = std::to_array<SV>(
    {"Oliver",   "George",  "Harry",   "Jack",    "Noah",   "Leo",    "Arthur", "Oscar",     "Charlie", "Jacob",
     "Alfie",    "Freddie", "Thomas",  "William", "James",  "Joshua", "Samuel", "Alexander", "Theo",    "Archie",
     "Henry",    "Isaac",   "Max",     "Lucas",   "Ethan",  "Dylan",  "Rhys",   "Callum",    "Finley",  "Reuben",
     "Harrison", "Toby",    "Riley",   "Logan",   "Mason",  "Tyler",  "Kai",    "Ellis",     "Joseph",  "Daniel",
     "Owen",     "Elliot",  "Jenson",  "Hugo",    "Rory",   "Louis",  "Teddy",  "Albie",     "Ronnie",  "Stanley",
     "Tommy",    "Jude",    "Zachary", "Connor",  "Nathan", "Aaron",  "Gethin", "Rhodri",    "Jamie",   "Sebastian"});
constexpr auto kEnglishGirls = std::to_array<SV>(
    {"Olivia",  "Amelia",  "Isla",    "Ava",      "Lily",      "Freya",  "Ivy",     "Florence", "Poppy",   "Sophie",
     "Grace",   "Evie",    "Ella",    "Isabella", "Mia",       "Emily",  "Chloé",   "Zoë",      "Siân",    "Megan",
     "Ruby",    "Jessica", "Holly",   "Daisy",    "Phoebe",    "Millie", "Erin",    "Niamh",    "Harriet", "Rosie",
     "Matilda", "Elsie",   "Willow",  "Maisie",   "Charlotte", "Hannah", "Abigail", "Lacey",    "Eleanor", "Imogen",
     "Esmé",    "Bethan",  "Ffion",   "Lucy",     "Scarlett",  "Summer", "Aimée",   "Renée",    "Mollie",  "Layla",
     "Ellie",   "Amber",   "Georgia", "Katie",    "Rhiannon",  "Cerys",  "Seren",   "Beatrice", "Martha",  "Nancy"});
constexpr auto kEnglishSurnames = std::to_array<SV>(
    {"Smith",     "Jones",     "Taylor",     "Brown",    "Williams", "Wilson",    "Johnson",   "Davies",    "Robinson",
     "Wright",    "Thompson",  "Evans",      "Walker",   "White",    "Roberts",   "Green",     "Hall",      "Wood",
     "Jackson",   "Clarke",    "Hughes",     "Edwards",  "Turner",   "Hill",      "Moore",     "Cooper",    "Ward",
     "Morris",    "King",      "Watson",     "Harrison", "Baker",    "Harris",    "Lewis",     "Martin",    "Allen",
     "Young",     "Mitchell",  "Bennett",    "Carter",   "Shaw",     "Price",     "Marshall",  "Fletcher",  "Ashworth",
     "Pickering", "Greenwood", "Hargreaves", "Holloway", "Brooks",   "Barnes",    "Fox",       "Webb",      "Pearce",
     "Parker",    "Collins",   "Stevens",    "Chapman",  "Lloyd",    "Griffiths", "Powell",    "Bailey",    "Hudson",
     "Palmer",    "Hunt",      "Mason",      "Butler",   "Bell",     "Ellis",     "Foster",    "Murray",    "Russell",
     "Spencer",   "Sutton",    "Dixon",      "Gibson",   "Kennedy",  "O'Neill",   "O'Connor",  "MacDonald", "McKenzie",
     "ffrench",   "Le Page",   "St John",    "Vaughan",  "Rees",     "Pritchard", "Llewellyn", "Jenkins",   "Morgan"});
constexpr auto kEnglishMothers =
    std::to_array<SV>({"Sarah",    "Emma",   "Laura",    "Claire",    "Rebecca",  "Gemma",    "Kelly",     "Nicola",
                       "Lisa",     "Hayley", "Michelle", "Natalie",   "Amy",      "Jennifer", "Katherine", "Joanne",
                       "Victoria", "Stacey", "Leanne",   "Charlotte", "Rachel",   "Helen",    "Louise",    "Kirsty",
                       "Donna",    "Zoe",    "Lindsey",  "Danielle",  "Samantha", "Jodie"});
constexpr auto kEnglishFathers = std::to_array<SV>(
    {"Mark",   "Paul",    "David",  "Lee",         "Craig",    "Daniel", "Stuart", "Richard", "Gareth",  "Wayne",
     "Darren", "Matthew", "Andrew", "Christopher", "Jonathan", "Simon",  "Jamie",  "Ryan",    "Adam",    "Carl",
     "Neil",   "Ben",     "Steven", "Martin",      "Gavin",    "Dean",   "Scott",  "Anthony", "Michael", "Robert"});
constexpr auto kEnglishLanguages = std::to_array<W>({{"OTB", 1.0}});

constexpr auto kIrishBoys = std::to_array<SV>({"Cian", "Oisín", "Seán", "Ciarán", "Pádraig", "Darragh", "Conor", "Liam",
                                               "Eoin", "Fionn", "Tadhg", "Cillian", "Rónán", "Cathal"});
constexpr auto kIrishGirls = std::to_array<SV>({"Niamh", "Aoife", "Ciara", "Siobhán", "Saoirse", "Róisín", "Caoimhe",
                                                "Orla", "Éabha", "Clodagh", "Gráinne", "Aisling", "Méabh"});
constexpr auto kIrishSurnames = std::to_array<SV>(
    {"O'Connor", "O'Brien", "Murphy", "Kelly", "O'Sullivan", "Byrne", "Ryan", "McCarthy", "Doyle", "Gallagher",
     "O'Neill", "Quinn", "Ó Briain", "Fitzgerald", "Kavanagh", "MacNamara", "Donnelly", "Brennan"});
constexpr auto kIrishMothers =
    std::to_array<SV>({"Siobhán", "Mairéad", "Aoife", "Deirdre", "Sinéad", "Orla", "Niamh", "Bríd", "Clare", "Fiona"});
constexpr auto kIrishFathers = std::to_array<SV>(
    {"Declan", "Pádraig", "Seamus", "Niall", "Colm", "Dónal", "Brendan", "Kieran", "Fergal", "Eamon"});

constexpr auto kCaribbeanBoys = std::to_array<SV>(
    {"Malachi", "Jaden", "Kymani", "Tyrese", "Isaiah", "Elijah", "Kai", "Reuben", "Nathaniel", "Joel"});
constexpr auto kCaribbeanGirls =
    std::to_array<SV>({"Kezia", "Shanice", "Aaliyah", "Tia", "Keisha", "Jada", "Naomi", "Nia", "Imani", "Amara"});
constexpr auto kCaribbeanSurnames = std::to_array<SV>(
    {"Campbell", "Clarke", "Williams", "Francis", "Grant", "Reid",    "Thomas", "Bailey",   "Morgan",   "Gordon",
     "Richards", "Henry",  "Lewis",    "Samuels", "Brown", "Barrett", "Forbes", "McKenzie", "Thompson", "Joseph"});
constexpr auto kCaribbeanMothers =
    std::to_array<SV>({"Marcia", "Sharon", "Paulette", "Jacqueline", "Natasha", "Sonia", "Claudette", "Janelle"});
constexpr auto kCaribbeanFathers =
    std::to_array<SV>({"Delroy", "Leroy", "Winston", "Clive", "Marcus", "Andre", "Trevor", "Errol"});

constexpr auto kPolishBoys =
    std::to_array<SV>({"Łukasz", "Jakub", "Kacper", "Szymon", "Mikołaj", "Filip", "Wojciech", "Bartosz", "Antoni",
                       "Franciszek", "Stanisław", "Piotr", "Michał", "Mateusz", "Paweł", "Kamil"});
constexpr auto kPolishGirls =
    std::to_array<SV>({"Zofia", "Zuzanna", "Maja", "Julia", "Hanna", "Wiktoria", "Małgorzata", "Oliwia", "Natalia",
                       "Alicja", "Lena", "Amelia", "Gabriela", "Weronika", "Kinga", "Pola"});
constexpr auto kPolishSurnames =
    std::to_array<SV>({"Nowak", "Kowalski|Kowalska", "Wiśniewski|Wiśniewska", "Wójcik", "Kowalczyk",
                       "Kamiński|Kamińska", "Lewandowski|Lewandowska", "Zieliński|Zielińska", "Szymański|Szymańska",
                       "Woźniak", "Dąbrowski|Dąbrowska", "Kozłowski|Kozłowska", "Mazur", "Jankowski|Jankowska",
                       "Krawczyk", "Grabowski|Grabowska", "Pawlak", "Michalski|Michalska"});
constexpr auto kPolishMothers = std::to_array<SV>(
    {"Agnieszka", "Katarzyna", "Anna", "Magdalena", "Joanna", "Monika", "Ewa", "Justyna", "Marta", "Karolina"});
constexpr auto kPolishFathers = std::to_array<SV>(
    {"Tomasz", "Krzysztof", "Marcin", "Piotr", "Paweł", "Grzegorz", "Michał", "Łukasz", "Rafał", "Dariusz"});
constexpr auto kPolishLanguages = std::to_array<W>({{"POL", 1.0}});

constexpr auto kRomanianBoys = std::to_array<SV>({"Andrei", "Alexandru", "Ionuț", "Ștefan", "Mihai", "Gabriel",
                                                  "Darius", "David", "Matei", "Luca", "Răzvan", "Cristian", "Vlad"});
constexpr auto kRomanianGirls =
    std::to_array<SV>({"Ioana", "Maria", "Andreea", "Ana-Maria", "Bianca", "Alexandra", "Elena", "Daria", "Sofia",
                       "Ilinca", "Larisa", "Denisa", "Ștefania", "Irina"});
constexpr auto kRomanianSurnames =
    std::to_array<SV>({"Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Constantin", "Munteanu", "Lungu", "Stoica",
                       "Moldovan", "Rusu", "Mocanu", "Bălan", "Ciobanu", "Matei", "Țurcanu"});
constexpr auto kRomanianMothers = std::to_array<SV>(
    {"Elena", "Mihaela", "Alina", "Cristina", "Nicoleta", "Daniela", "Gabriela", "Roxana", "Simona", "Oana"});
constexpr auto kRomanianFathers = std::to_array<SV>(
    {"Ion", "Gheorghe", "Florin", "Marius", "Adrian", "Cătălin", "Ciprian", "Bogdan", "Sorin", "Vasile"});
constexpr auto kRomanianLanguages = std::to_array<W>({{"RMN", 1.0}});

constexpr auto kPortugueseBoys = std::to_array<SV>({"João", "José", "Tiago", "Gonçalo", "Rafael", "Rodrigo", "Martim",
                                                    "Duarte", "Afonso", "Diogo", "Tomás", "Guilherme"});
constexpr auto kPortugueseGirls =
    std::to_array<SV>({"Beatriz", "Inês", "Mariana", "Leonor", "Matilde", "Carolina", "Lara", "Francisca", "Letícia",
                       "Margarida", "Constança", "Camila"});
constexpr auto kPortugueseSurnames = std::to_array<SV>(
    {"Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Gonçalves", "Martins", "Sousa",
     "Fernandes", "Lopes", "Marques", "Carvalho", "Gomes", "Almeida", "da Silva", "dos Santos"});
constexpr auto kPortugueseMothers =
    std::to_array<SV>({"Ana", "Sandra", "Patrícia", "Sónia", "Cláudia", "Marta", "Susana", "Vera", "Catarina", "Rita"});
constexpr auto kPortugueseFathers =
    std::to_array<SV>({"Nuno", "Luís", "Paulo", "Ricardo", "Pedro", "Rui", "Bruno", "Sérgio", "Hugo", "Vítor"});
constexpr auto kPortugueseLanguages = std::to_array<W>({{"POR", 1.0}});

constexpr auto kSpanishBoys = std::to_array<SV>({"Mateo", "Alejandro", "Hugo", "Pablo", "Álvaro", "Javier", "Daniel",
                                                 "Adrián", "Martín", "Iker", "Sergio", "Nicolás"});
constexpr auto kSpanishGirls = std::to_array<SV>({"Lucía", "Sofía", "Martina", "Paula", "Valentina", "Carmen",
                                                  "Daniela", "Julia", "Alba", "Noelia", "Irene", "Ainhoa"});
constexpr auto kSpanishSurnames =
    std::to_array<SV>({"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
                       "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Muñoz", "Álvarez"});
constexpr auto kSpanishMothers = std::to_array<SV>(
    {"María", "Laura", "Cristina", "Marta", "Elena", "Raquel", "Silvia", "Beatriz", "Rocío", "Nuria"});
constexpr auto kSpanishFathers = std::to_array<SV>(
    {"José", "Antonio", "Javier", "Carlos", "David", "Francisco", "Manuel", "Jorge", "Alberto", "Raúl"});
constexpr auto kSpanishLanguages = std::to_array<W>({{"SPA", 1.0}});

constexpr auto kTurkishBoys =
    std::to_array<SV>({"Emir", "Ömer", "Kerem", "Yusuf", "Mustafa", "Efe", "Aras", "Eymen", "Mert", "Burak"});
constexpr auto kTurkishGirls =
    std::to_array<SV>({"Zeynep", "Elif", "Ayşe", "Defne", "Ecrin", "Eylül", "Azra", "Nehir", "Hira", "Ela"});
constexpr auto kTurkishSurnames = std::to_array<SV>({"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım",
                                                     "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan"});
constexpr auto kTurkishMothers =
    std::to_array<SV>({"Emine", "Fatma", "Hatice", "Zeynep", "Özlem", "Gül", "Serpil", "Derya"});
constexpr auto kTurkishFathers =
    std::to_array<SV>({"Mehmet", "Hüseyin", "Ahmet", "Hasan", "İbrahim", "Murat", "Serkan", "Erkan"});
constexpr auto kTurkishLanguages = std::to_array<W>({{"TUR", 1.0}});

constexpr auto kIndianBoys =
    std::to_array<SV>({"Aarav", "Arjun", "Rohan", "Vihaan", "Ishaan", "Krish", "Dev", "Aryan", "Reyansh", "Kabir",
                       "Veer", "Harjot", "Gurveer", "Jaskaran", "Arjan", "Advait"});
constexpr auto kIndianGirls = std::to_array<SV>({"Anaya", "Priya", "Diya", "Aanya", "Saanvi", "Isha", "Kavya", "Riya",
                                                 "Simran", "Jasleen", "Harleen", "Navreet", "Anika", "Tara"});
constexpr auto kIndianSurnames = std::to_array<SV>(
    {"Patel",  "Sharma", "Singh|Kaur", "Gupta", "Shah",  "Mistry",  "Kumar",  "Chauhan", "Gill", "Sandhu",
     "Parmar", "Joshi",  "Desai",      "Bhatt", "Sidhu", "Dhillon", "Pillai", "Nair",    "Iyer", "Patel"});
constexpr auto kIndianMothers =
    std::to_array<SV>({"Sunita", "Priya", "Neha", "Pooja", "Rupinder", "Manjit", "Kiran", "Anjali", "Meena", "Deepa"});
constexpr auto kIndianFathers = std::to_array<SV>(
    {"Rajesh", "Sanjay", "Amit", "Vikram", "Sukhjinder", "Harpreet", "Rakesh", "Nikhil", "Vijay", "Suresh"});
constexpr auto kIndianLanguages = std::to_array<W>({{"PNJ", 45}, {"GUJ", 40}, {"TAM", 15}});

constexpr auto kPakistaniBoys =
    std::to_array<SV>({"Muhammad", "Ibrahim", "Yusuf", "Ayaan", "Zayn", "Hamza", "Ali", "Omar", "Abdullah", "Zakariya",
                       "Haris", "Musa", "Rayyan", "Bilal", "Hassan"});
constexpr auto kPakistaniGirls =
    std::to_array<SV>({"Fatima", "Aisha", "Maryam", "Zainab", "Hafsa", "Inaya", "Safa", "Khadija", "Amna", "Iqra",
                       "Hania", "Aleena", "Eman", "Mahnoor", "Anaya"});
constexpr auto kPakistaniSurnames =
    std::to_array<SV>({"Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Mahmood", "Akhtar", "Shah", "Butt", "Raza", "Malik",
                       "Rehman", "Aslam", "Javed", "Saleem", "Qureshi"});
constexpr auto kPakistaniMothers =
    std::to_array<SV>({"Nadia", "Samina", "Shazia", "Rubina", "Saima", "Ayesha", "Farah", "Sadia", "Uzma", "Nazia"});
constexpr auto kPakistaniFathers =
    std::to_array<SV>({"Imran", "Tariq", "Asif", "Kashif", "Zahid", "Naveed", "Khalid", "Shahid", "Adnan", "Waqas"});
constexpr auto kPakistaniLanguages = std::to_array<W>({{"URD", 60}, {"PNJ", 40}});

constexpr auto kBangladeshiBoys =
    std::to_array<SV>({"Rayyan", "Tahmid", "Arif", "Sami", "Rahim", "Yahya", "Ibrahim", "Mahir", "Nabil", "Ayaan",
                       "Mohammed", "Abdul", "Ishaq", "Tanvir"});
constexpr auto kBangladeshiGirls = std::to_array<SV>({"Nusrat", "Tasnim", "Sumaiya", "Ayesha", "Farzana", "Jannat",
                                                      "Mariam", "Sadia", "Tahmina", "Ruksana", "Nafisa", "Anisa"});
constexpr auto kBangladeshiSurnames =
    std::to_array<SV>({"Rahman", "Uddin", "Miah", "Islam", "Hoque", "Chowdhury", "Ahmed", "Ali", "Hussain", "Khan"});
constexpr auto kBangladeshiMothers = std::to_array<SV>(
    {"Shirin", "Rehana", "Nasima", "Salma", "Rokeya", "Hasina", "Shahana", "Jesmin", "Taslima", "Momena"});
constexpr auto kBangladeshiFathers =
    std::to_array<SV>({"Abdul", "Mohammed", "Shahid", "Jamal", "Anwar", "Kamal", "Faruk", "Rashid", "Abul", "Habib"});
constexpr auto kBangladeshiLanguages = std::to_array<W>({{"BNG", 1.0}});

constexpr auto kNepaliTamilBoys = std::to_array<SV>(
    {"Arun", "Sanjay", "Bishal", "Aayush", "Prajwal", "Kishan", "Karthik", "Praveen", "Sajeevan", "Nilan"});
constexpr auto kNepaliTamilGirls = std::to_array<SV>(
    {"Anjali", "Sita", "Nisha", "Asmita", "Prakriti", "Sabina", "Tharsika", "Kavitha", "Abirami", "Janani"});
constexpr auto kNepaliTamilSurnames =
    std::to_array<SV>({"Gurung", "Rai", "Thapa", "Limbu", "Tamang", "Shrestha", "Sivakumar", "Rajan", "Thevarajah",
                       "Kandiah", "Selvaraj", "Mahendran"});
constexpr auto kNepaliTamilMothers = std::to_array<SV>({"Sarita", "Sunita", "Kamala", "Gita", "Vasuki", "Malathi"});
constexpr auto kNepaliTamilFathers = std::to_array<SV>({"Ramesh", "Bikash", "Hari", "Ganesh", "Prakash", "Suresh"});
constexpr auto kNepaliTamilLanguages = std::to_array<W>({{"NEP", 55}, {"TAM", 45}});

constexpr auto kWestAfricanBoys =
    std::to_array<SV>({"Oluwaseun", "Chidi", "Emeka", "Tobi", "Kwame", "Kofi", "David", "Daniel", "Samuel", "Ayomide",
                       "Tobenna", "Olamide", "Kelechi", "Ebuka", "Nana", "Joshua", "Victor", "Michael"});
constexpr auto kWestAfricanGirls =
    std::to_array<SV>({"Adaeze", "Chiamaka", "Folake", "Ifeoma", "Amara", "Blessing", "Precious", "Esther", "Deborah",
                       "Temitope", "Oluwadamilola", "Abena", "Ama", "Favour", "Comfort", "Chioma"});
constexpr auto kWestAfricanSurnames =
    std::to_array<SV>({"Okafor", "Adeyemi", "Oyelaran", "Mensah", "Boateng", "Asante", "Okonkwo", "Eze", "Balogun",
                       "Adebayo", "Osei", "Owusu", "Nwosu", "Adeleke", "Ogunleye", "Afolabi", "Danso", "Obi"});
constexpr auto kWestAfricanMothers = std::to_array<SV>(
    {"Funmilayo", "Ngozi", "Yetunde", "Akosua", "Chinwe", "Bukola", "Adwoa", "Grace", "Patience", "Joy"});
constexpr auto kWestAfricanFathers = std::to_array<SV>(
    {"Olumide", "Chukwuemeka", "Kwabena", "Emmanuel", "Segun", "Ikenna", "Yaw", "Babatunde", "Femi", "Chinedu"});
constexpr auto kWestAfricanLanguages = std::to_array<W>({{"YOR", 45}, {"AKA", 30}, {"IGB", 25}});

constexpr auto kSomaliBoys = std::to_array<SV>({"Abdirahman", "Mohamed", "Abdullahi", "Ahmed", "Hamza", "Yusuf",
                                                "Mustafe", "Liban", "Bilal", "Ayub", "Abdikarim", "Hassan"});
constexpr auto kSomaliGirls = std::to_array<SV>(
    {"Hodan", "Ayaan", "Hibo", "Sagal", "Najma", "Idil", "Ifrah", "Sumaya", "Fartun", "Hamdi", "Deeqa", "Nasra"});
constexpr auto kSomaliSurnames =
    std::to_array<SV>({"Abdi", "Mohamed", "Hassan", "Warsame", "Farah", "Ali", "Osman", "Omar", "Hussein", "Jama",
                       "Nur", "Yusuf", "Ahmed", "Ibrahim", "Duale", "Egal"});
constexpr auto kSomaliMothers =
    std::to_array<SV>({"Amina", "Faadumo", "Khadra", "Sahra", "Hawa", "Ubah", "Halimo", "Ikran"});
constexpr auto kSomaliFathers =
    std::to_array<SV>({"Abdi", "Mahad", "Abdiqani", "Said", "Ismail", "Jama", "Guled", "Bashir"});
constexpr auto kSomaliLanguages = std::to_array<W>({{"SOM", 1.0}});

constexpr auto kChineseBoys = std::to_array<SV>(
    {"Wei", "Hao", "Jun", "Yu", "Zihan", "Yichen", "Haoran", "Junjie", "Zhiwei", "Kai", "Ming", "Jiahao"});
constexpr auto kChineseGirls = std::to_array<SV>(
    {"Mei", "Xinyi", "Yuxuan", "Jiayi", "Xin", "Ling", "Yan", "Zixuan", "Yutong", "Shuyi", "Hui", "Jing"});
constexpr auto kChineseSurnames = std::to_array<SV>({"Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Chan", "Lam", "Lee",
                                                     "Cheung", "Huang", "Zhou", "Wu", "Ng", "Yang", "Ho"});
constexpr auto kChineseMothers = std::to_array<SV>({"Mei Ling", "Xiaoling", "Hui", "Yan", "Ying", "Lihua"});
constexpr auto kChineseFathers = std::to_array<SV>({"Jian", "Wei", "Ming", "Hong", "Qiang", "Chi Wai"});
constexpr auto kChineseLanguages = std::to_array<W>({{"CHI", 1.0}});

constexpr auto kArabBoys = std::to_array<SV>(
    {"Yusuf", "Omar", "Karim", "Ahmad", "Mustafa", "Adam", "Zain", "Youssef", "Ali", "Hadi", "Rami", "Tariq"});
constexpr auto kArabGirls = std::to_array<SV>(
    {"Layla", "Noor", "Amira", "Yasmin", "Rania", "Lina", "Mariam", "Hiba", "Sara", "Jana", "Reem", "Salma"});
constexpr auto kArabSurnames = std::to_array<SV>({"Haddad", "Nasser", "Saleh", "Abdullah", "Mansour", "Al-Rashid",
                                                  "Al-Hashimi", "Khalil", "Hamdan", "Aziz", "Said", "El-Sayed"});
constexpr auto kArabMothers = std::to_array<SV>({"Fatima", "Samira", "Huda", "Rana", "Dina", "Maha", "Nadia", "Hanan"});
constexpr auto kArabFathers =
    std::to_array<SV>({"Ahmed", "Mahmoud", "Khaled", "Tariq", "Walid", "Samir", "Hussam", "Omar"});
constexpr auto kArabLanguages = std::to_array<W>({{"ARA", 1.0}});

// One pool per Heritage, in the enum's order.
const std::array<NamePool, static_cast<std::size_t>(Heritage::arab) + 1> kPools{{
    {kEnglishBoys, kEnglishGirls, kEnglishSurnames, kEnglishMothers, kEnglishFathers, kEnglishLanguages, 0.005},
    {kIrishBoys, kIrishGirls, kIrishSurnames, kIrishMothers, kIrishFathers, kEnglishLanguages, 0.0},
    {kCaribbeanBoys, kCaribbeanGirls, kCaribbeanSurnames, kCaribbeanMothers, kCaribbeanFathers, kEnglishLanguages, 0.0},
    {kPolishBoys, kPolishGirls, kPolishSurnames, kPolishMothers, kPolishFathers, kPolishLanguages, 0.85},
    {kRomanianBoys, kRomanianGirls, kRomanianSurnames, kRomanianMothers, kRomanianFathers, kRomanianLanguages, 0.85},
    {kPortugueseBoys, kPortugueseGirls, kPortugueseSurnames, kPortugueseMothers, kPortugueseFathers,
     kPortugueseLanguages, 0.8},
    {kSpanishBoys, kSpanishGirls, kSpanishSurnames, kSpanishMothers, kSpanishFathers, kSpanishLanguages, 0.7},
    {kTurkishBoys, kTurkishGirls, kTurkishSurnames, kTurkishMothers, kTurkishFathers, kTurkishLanguages, 0.75},
    {kIndianBoys, kIndianGirls, kIndianSurnames, kIndianMothers, kIndianFathers, kIndianLanguages, 0.45},
    {kPakistaniBoys, kPakistaniGirls, kPakistaniSurnames, kPakistaniMothers, kPakistaniFathers, kPakistaniLanguages,
     0.65},
    {kBangladeshiBoys, kBangladeshiGirls, kBangladeshiSurnames, kBangladeshiMothers, kBangladeshiFathers,
     kBangladeshiLanguages, 0.75},
    {kNepaliTamilBoys, kNepaliTamilGirls, kNepaliTamilSurnames, kNepaliTamilMothers, kNepaliTamilFathers,
     kNepaliTamilLanguages, 0.6},
    {kWestAfricanBoys, kWestAfricanGirls, kWestAfricanSurnames, kWestAfricanMothers, kWestAfricanFathers,
     kWestAfricanLanguages, 0.35},
    {kSomaliBoys, kSomaliGirls, kSomaliSurnames, kSomaliMothers, kSomaliFathers, kSomaliLanguages, 0.8},
    {kChineseBoys, kChineseGirls, kChineseSurnames, kChineseMothers, kChineseFathers, kChineseLanguages, 0.55},
    {kArabBoys, kArabGirls, kArabSurnames, kArabMothers, kArabFathers, kArabLanguages, 0.75},
}};

using H = Heritage;
constexpr auto kWbri = std::to_array<Lineage>({{H::english, H::english, 1}});
constexpr auto kWiri = std::to_array<Lineage>({{H::irish, H::irish, 1}});
constexpr auto kWoth = std::to_array<Lineage>({{H::polish, H::polish, 40},
                                               {H::romanian, H::romanian, 25},
                                               {H::portuguese, H::portuguese, 15},
                                               {H::spanish, H::spanish, 10},
                                               {H::turkish, H::turkish, 10}});
constexpr auto kMwbc = std::to_array<Lineage>({{H::english, H::english, 55}, {H::english, H::caribbean, 45}});
constexpr auto kMwba = std::to_array<Lineage>(
    {{H::english, H::english, 40}, {H::west_african, H::english, 20}, {H::english, H::west_african, 40}});
constexpr auto kMwas =
    std::to_array<Lineage>({{H::english, H::pakistani, 35}, {H::english, H::indian, 35}, {H::english, H::english, 30}});
constexpr auto kMoth = std::to_array<Lineage>({{H::english, H::english, 40},
                                               {H::spanish, H::english, 15},
                                               {H::english, H::arab, 15},
                                               {H::english, H::chinese, 15},
                                               {H::english, H::portuguese, 15}});
constexpr auto kAind = std::to_array<Lineage>({{H::indian, H::indian, 1}});
constexpr auto kApkn = std::to_array<Lineage>({{H::pakistani, H::pakistani, 1}});
constexpr auto kAban = std::to_array<Lineage>({{H::bangladeshi, H::bangladeshi, 1}});
constexpr auto kAoth = std::to_array<Lineage>({{H::nepali_tamil, H::nepali_tamil, 1}});
constexpr auto kBcrb = std::to_array<Lineage>({{H::caribbean, H::caribbean, 50}, {H::english, H::caribbean, 50}});
constexpr auto kBafr = std::to_array<Lineage>({{H::west_african, H::west_african, 65}, {H::somali, H::somali, 35}});
constexpr auto kBoth =
    std::to_array<Lineage>({{H::caribbean, H::caribbean, 50}, {H::west_african, H::west_african, 50}});
constexpr auto kChne = std::to_array<Lineage>({{H::chinese, H::chinese, 70}, {H::english, H::chinese, 30}});
constexpr auto kOoth = std::to_array<Lineage>({{H::arab, H::arab, 1}});

// Weights follow the national school population closely enough for a plausible roll.
const std::array<EthnicGroup, 18> kGroups{{
    {"WBRI", 62.0, kWbri, 1.0},
    {"WIRI", 0.8, kWiri, 1.0},
    {"WOTH", 7.5, kWoth, 1.0},
    {"MWBC", 1.7, kMwbc, 0.3},
    {"MWBA", 0.9, kMwba, 0.3},
    {"MWAS", 1.5, kMwas, 0.3},
    {"MOTH", 2.4, kMoth, 0.3},
    {"AIND", 3.5, kAind, 1.0},
    {"APKN", 4.7, kApkn, 1.0},
    {"ABAN", 2.0, kAban, 1.0},
    {"AOTH", 2.1, kAoth, 1.0},
    {"BCRB", 1.0, kBcrb, 1.0},
    {"BAFR", 3.8, kBafr, 1.0},
    {"BOTH", 0.6, kBoth, 1.0},
    {"CHNE", 0.5, kChne, 1.0},
    {"OOTH", 2.0, kOoth, 1.0},
    {"NOBT", 0.8, kWbri, 1.0},
    {"REFU", 0.5, kWbri, 1.0},
}};

constexpr auto kShortNames = std::to_array<std::pair<SV, SV>>({
    {"Alexander", "Alex"}, {"Oliver", "Ollie"},     {"Thomas", "Tom"},         {"William", "Will"},
    {"Samuel", "Sam"},     {"Joshua", "Josh"},      {"Zachary", "Zach"},       {"Nathaniel", "Nate"},
    {"Matilda", "Tilly"},  {"Isabella", "Bella"},   {"Florence", "Flo"},       {"Charlotte", "Lottie"},
    {"Eleanor", "Ellie"},  {"Abigail", "Abbie"},    {"Jessica", "Jess"},       {"Harriet", "Hattie"},
    {"Olivia", "Liv"},     {"Oluwaseun", "Seun"},   {"Oluwadamilola", "Dami"}, {"Ayomide", "Ayo"},
    {"Temitope", "Temi"},  {"Małgorzata", "Gosia"}, {"Zofia", "Zosia"},        {"Wojciech", "Wojtek"},
    {"Jakub", "Kuba"},     {"Muhammad", "Mo"},      {"Abdirahman", "Abdi"},    {"Franciszek", "Franek"},
    {"Sebastian", "Seb"},  {"Beatrice", "Bea"},
});

constexpr auto kTowns = std::to_array<SV>(
    {"Hartwell",       "Ashby Fenwick",   "Little Brambling", "Stonebridge",     "Elmsworth",      "Kingsmere",
     "Fairhaven",      "Westbury Parva",  "Oakhurst",         "Millbrook Cross", "Thornbury Vale", "Hollowmere",
     "Redford",        "Coldharbour End", "Saxonbury",        "Wealdhurst",      "Brackenford",    "Larkhill Green",
     "Upper Wyncombe", "Daleswick",       "Fernleigh",        "Ravensmoor",      "Kestrel Bay",    "Amberley Heath"});
constexpr auto kStreetStems = std::to_array<SV>(
    {"Acorn",    "Ash",      "Beech",    "Birch",      "Bramble",  "Chestnut",  "Church",   "Elm",
     "Hawthorn", "Hazel",    "Holly",    "Juniper",    "Larch",    "Maple",     "Meadow",   "Mill",
     "Oak",      "Orchard",  "Primrose", "Rowan",      "Sycamore", "Willow",    "Foxglove", "Kingfisher",
     "Heron",    "Lavender", "Bluebell", "Harebell",   "Poppy",    "Partridge", "Swallow",  "Chapel",
     "Manor",    "Park",     "Victoria", "Albert",     "Queen's",  "St Mary's", "Station",  "School",
     "Farm",     "Brook",    "Ridgeway", "Coronation", "Jubilee",  "Windmill",  "Forge",    "Saxon"});
constexpr auto kStreetKinds =
    std::to_array<SV>({"Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent", "Gardens", "Grove",
                       "Place", "Rise", "Walk", "Mews", "Court"});
constexpr auto kHouseNames =
    std::to_array<SV>({"Rose Cottage", "The Old Forge", "Orchard House", "Ivy Cottage", "The Laurels", "Meadow View",
                       "Hillside", "The Barn", "Woodlands", "Brook House", "The Old School House", "Greystones"});
constexpr auto kSaints = std::to_array<SV>({"Aidan", "Bede", "Chad", "Edmund", "Hilda", "Wilfrid", "Anselm", "Cuthbert",
                                            "Alban", "Swithun", "Margaret", "Richard"});

// Latin letters with diacritics folded to ASCII: U+00C0..U+00FF, then U+0100..U+017F.
constexpr SV kLatin1Fold = "AAAAAAACEEEEIIIIDNOOOOO_OUUUUYTsaaaaaaaceeeeiiiidnooooo_ouuuuyty";
constexpr SV kLatinExtendedAFold =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUu"
    "UuWwYyYZzZzZzs";
static_assert(kLatin1Fold.size() == 0x40 && kLatinExtendedAFold.size() == 0x80);

}  // namespace

const NamePool& name_pool(Heritage heritage) {
  return kPools[static_cast<std::size_t>(heritage)];
}

std::span<const EthnicGroup> ethnic_groups() {
  return kGroups;
}

std::string_view surname_form(std::string_view entry, bool female) {
  auto bar = entry.find('|');
  if (bar == std::string_view::npos) return entry;
  return female ? entry.substr(bar + 1) : entry.substr(0, bar);
}

std::string_view usual_short_name(std::string_view forename) {
  for (const auto& [full, short_form] : kShortNames)
    if (full == forename) return short_form;
  return {};
}

std::span<const std::string_view> town_names() {
  return kTowns;
}
std::span<const std::string_view> street_stems() {
  return kStreetStems;
}
std::span<const std::string_view> street_kinds() {
  return kStreetKinds;
}
std::span<const std::string_view> house_names() {
  return kHouseNames;
}
std::span<const std::string_view> patron_saints() {
  return kSaints;
}

std::string ascii_fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out += static_cast<char>(byte);
      ++i;
      continue;
    }
    // The pools hold only two-byte UTF-8 sequences; anything longer is skipped whole.
    std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    if (length == 2 && i + 1 < text.size()) {
      unsigned code = ((byte & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      char folded = '_';
      if (code >= 0xC0 && code <= 0xFF)
        folded = kLatin1Fold[code - 0xC0];
      else if (code >= 0x100 && code <= 0x17F)
        folded = kLatinExtendedAFold[code - 0x100];
      else if (code == 0x218 || code == 0x219)
        folded = code == 0x218 ? 'S' : 's';
      else if (code == 0x21A || code == 0x21B)
        folded = code == 0x21A ? 'T' : 't';
      if (folded != '_') out += folded;
    }
    i += length;
  }
  return out;
}

}  // namespace sm::generator
