// Text of the call pages: Chinese (zh-CN) by default, English on request; the choice is shared with the console.
const TEXT = {
  'zh-CN': {
    dispatcherTitle: '视频呼叫 · 调度员', workerTitle: '视频呼叫 · 网格员', logout: '退出', login: '账号', password: '密码', signIn: '登录',
    loginFailed: '账号或密码错误', other: 'English', unit: '单位编码', filter: '姓名或电话', find: '查找人员', call: '呼叫',
    calleeId: '人员编号', callById: '按编号呼叫', hangUp: '挂断', answer: '接听', decline: '拒绝', mine: '本机画面', theirs: '对方画面',
    idle: '空闲', waiting: '等待来电', connecting: '正在连接…', incoming: n => `${n} 来电`,
    ringing: c => c.fallback === 'none' ? `正在呼叫 ${c.ringing.name}…`
      : `${c.callee.name} 不在线，改为呼叫${c.fallback === 'grid_chief' ? '网格长' : '在岗人员'} ${c.ringing.name}…`,
    connected: c => `通话中：${c.caller.name} ↔ ${c.ringing.name}`,
    elsewhere: d => `已在其他设备（${d}）接听`,
    outcomes: { answered: '通话已结束', busy: '对方忙', no_answer: '无人接听', declined: '对方已拒绝', cancelled: '呼叫已取消',
      failed: '呼叫失败', dropped: '通话中断' },
    failed: e => `操作失败：${e}`, found: n => `共 ${n} 人`,
  },
  en: {
    dispatcherTitle: 'Video call · dispatcher', workerTitle: 'Video call · worker', logout: 'Log out', login: 'Login', password: 'Password',
    signIn: 'Sign in', loginFailed: 'Unknown login or wrong password', other: '中文', unit: 'Unit code', filter: 'Name or phone',
    find: 'Find people', call: 'Call', calleeId: 'Worker id', callById: 'Call by id', hangUp: 'Hang up', answer: 'Answer', decline: 'Decline',
    mine: 'This device', theirs: 'The other side', idle: 'Idle', waiting: 'Waiting for calls', connecting: 'Connecting…',
    incoming: n => `Incoming call from ${n}`,
    ringing: c => c.fallback === 'none' ? `Calling ${c.ringing.name}…`
      : `${c.callee.name} is offline; calling ${c.fallback === 'grid_chief' ? 'the grid chief' : 'the worker on duty'} ${c.ringing.name} instead…`,
    connected: c => `In call: ${c.caller.name} ↔ ${c.ringing.name}`,
    elsewhere: d => `Answered on another device (${d})`,
    outcomes: { answered: 'Call ended', busy: 'Busy', no_answer: 'No answer', declined: 'Declined', cancelled: 'Call cancelled',
      failed: 'Call failed', dropped: 'Call dropped' },
    failed: e => `Failed: ${e}`, found: n => `${n} people`,
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
