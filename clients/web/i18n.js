// User-facing text: Chinese (zh-CN) by default, English on request; the choice is remembered.
const TEXT = {
  'zh-CN': {
    title: '网格化治理指挥调度', logout: '退出', login: '账号', password: '密码', signIn: '登录',
    demoHint: '演示账号：dispatcher / demo2026', children: '下级单位', members: '人员', allRoles: '全部角色',
    onDutyOnly: '仅在岗', search: '查询下辖人员', name: '姓名', phone: '电话', role: '角色', duty: '在岗',
    yes: '是', no: '否', loading: '加载中…', found: n => `共 ${n} 人`, loginFailed: '账号或密码错误',
    counts: c => `网格 ${c.units.grid} 个 · 微网格 ${c.units.micro_grid} 个 · 人员 ${c.workers} 人（在岗 ${c.onDutyWorkers}）`,
    offline: '网络中断，正在重试…', other: 'English',
    echoTest: '测试摄像头和麦克风', echoStop: '结束测试', echoMine: '本机画面', echoBack: '经服务器返回',
    echoConnecting: '正在连接服务器…', echoOk: '服务器已收到并返回您的声音和图像：摄像头和麦克风正常',
    echoFailed: e => `测试失败：${e}`,
    levels: { city: '市', town: '镇街', community: '社区', grid: '网格', micro_grid: '微网格' },
    roles: { grid_chief: '网格长', full_time_grid_worker: '专职网格员', part_time_grid_worker: '兼职网格员', unit_head: '单元长',
      party_member_household: '党员中心户', mobile_grid_worker: '流动网格员', volunteer: '红色合伙人', sunk_officer: '下沉执法力量',
      dispatcher: '调度员', leader: '领导' },
  },
  en: {
    title: 'Grid governance dispatch', logout: 'Log out', login: 'Login', password: 'Password', signIn: 'Sign in',
    demoHint: 'Demo login: dispatcher / demo2026', children: 'Units below', members: 'People', allRoles: 'All roles',
    onDutyOnly: 'On duty only', search: 'Find people below', name: 'Name', phone: 'Phone', role: 'Role', duty: 'On duty',
    yes: 'yes', no: 'no', loading: 'Loading…', found: n => `${n} people`, loginFailed: 'Unknown login or wrong password',
    counts: c => `${c.units.grid} grids · ${c.units.micro_grid} micro-grids · ${c.workers} people (${c.onDutyWorkers} on duty)`,
    offline: 'Network lost, retrying…', other: '中文',
    echoTest: 'Test camera and microphone', echoStop: 'End test', echoMine: 'This device', echoBack: 'Back from the server',
    echoConnecting: 'Connecting to the server…', echoOk: 'The server received and returned your sound and picture: camera and microphone work',
    echoFailed: e => `Test failed: ${e}`,
    levels: { city: 'city', town: 'town', community: 'community', grid: 'grid', micro_grid: 'micro-grid' },
    roles: { grid_chief: 'grid chief', full_time_grid_worker: 'full-time grid worker', part_time_grid_worker: 'part-time grid worker',
      unit_head: 'unit head', party_member_household: 'party-member household', mobile_grid_worker: 'mobile grid worker',
      volunteer: 'volunteer', sunk_officer: 'sunk officer', dispatcher: 'dispatcher', leader: 'leader' },
  },
};
let lang = localStorage.getItem('dispatch.lang') || 'zh-CN';
function t(key) { return TEXT[lang][key]; }
function applyText() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach(el => { el.textContent = t(el.dataset.t); });
  document.getElementById('lang').textContent = t('other');
}
function toggleLang() {
  lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  localStorage.setItem('dispatch.lang', lang);
  applyText();
}
